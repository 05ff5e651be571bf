package dev.panels.app.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The {@code live_event} table: every node writes the hooks it receives and reads everyone's, so a change reaches the
 * streams of every node, and a browser that reconnects (to any node) resumes after the last id it saw.
 */
@ApplicationScoped
public class LiveEvents {

    /** Serializes inserts (an advisory lock, per transaction), so ids commit in order and a reader never skips one. */
    private static final long INSERT_LOCK = 0x70616e656c73L; // "panels"

    @PersistenceContext(unitName = "panels")
    EntityManager em;

    @Inject
    Clock clock;

    /** Stores the change; false when this very version was stored before (Medplum's retry, or a replay). */
    @Transactional
    public boolean record(String organizationId, MedplumHook.Change change) {
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?1)) AS locked").setParameter(1, INSERT_LOCK).getSingleResult();
        return em.createNativeQuery("INSERT INTO live_event (organization_id, resource_type, resource_id, version_id, interaction, received_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING")
                .setParameter(1, organizationId).setParameter(2, change.resourceType()).setParameter(3, change.resourceId())
                .setParameter(4, change.versionId()).setParameter(5, change.interaction()).setParameter(6, now())
                .executeUpdate() == 1;
    }

    /** The newest id (0 when none): where a node starts reading and a new stream starts. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long latestId() {
        return number(em.createNativeQuery("SELECT COALESCE(MAX(id), 0) FROM live_event").getSingleResult());
    }

    /** The oldest id still kept (latest + 1 when none). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long oldestId() {
        Object oldest = em.createNativeQuery("SELECT MIN(id) FROM live_event").getSingleResult();
        return oldest == null ? latestId() + 1 : number(oldest);
    }

    /** Every organization's events after {@code afterId}, oldest first. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<LiveEvent> after(long afterId, int limit) {
        return rows(em.createNativeQuery("SELECT id, organization_id, resource_type, resource_id, interaction FROM live_event"
                + " WHERE id > ?1 ORDER BY id").setParameter(1, afterId).setMaxResults(limit).getResultList());
    }

    /** One organization's events in (afterId, upToId], oldest first: what a resuming browser missed. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<LiveEvent> missed(String organizationId, long afterId, long upToId, int limit) {
        return rows(em.createNativeQuery("SELECT id, organization_id, resource_type, resource_id, interaction FROM live_event"
                        + " WHERE organization_id = ?1 AND id > ?2 AND id <= ?3 ORDER BY id")
                .setParameter(1, organizationId).setParameter(2, afterId).setParameter(3, upToId).setMaxResults(limit).getResultList());
    }

    /** Forgets events older than the retention, always keeping the newest (it anchors ids after a quiet spell). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purge(Duration retention) {
        return em.createNativeQuery("DELETE FROM live_event WHERE received_at < ?1 AND id < (SELECT MAX(id) FROM live_event)")
                .setParameter(1, now().minus(retention)).executeUpdate();
    }

    private static List<LiveEvent> rows(List<?> rows) {
        return rows.stream().map(Object[].class::cast).map(r -> new LiveEvent(number(r[0]), (String) r[1], (String) r[2],
                (String) r[3], (String) r[4])).toList();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
