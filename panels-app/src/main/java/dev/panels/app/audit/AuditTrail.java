package dev.panels.app.audit;

import dev.panels.app.auth.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import dev.panels.app.Jsonp;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;

/**
 * Records every data access and change: one row in {@code audit_record} and one structured (JSON)
 * log line. Successes join the caller's transaction (no record of a change that was rolled back);
 * refusals and failures get their own, so they survive the rollback of the refused work.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger("dev.panels.audit");

    @PersistenceContext(unitName = "panels")
    EntityManager em;

    @Inject
    CurrentUser user;

    @Inject
    Clock clock;

    @Inject
    Event<AuditRecorded> recorded;

    public enum Outcome { SUCCESS, DENIED, FAILED }

    @Transactional(Transactional.TxType.REQUIRED)
    public void success(String action, String targetType, String targetId) {
        write(action, targetType, targetId, Outcome.SUCCESS, null);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refused(String action, String targetType, String targetId, Outcome outcome, String detail) {
        write(action, targetType, targetId, outcome, detail);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditRecord> recent(String organizationId, int limit) {
        return em.createQuery("select a from AuditRecord a where a.organizationId = :org order by a.at desc", AuditRecord.class)
                .setParameter("org", organizationId)
                .setMaxResults(limit)
                .getResultList();
    }

    private void write(String action, String targetType, String targetId, Outcome outcome, String detail) {
        AuditRecord record = new AuditRecord(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
                user.subject(), user.organizationId(), action, targetType, targetId, outcome.name(), detail);
        em.persist(record);
        recorded.fire(new AuditRecorded(record, user.sealedMedplumToken().orElse(null), user.fhirUser().orElse(null)));
        LOG.info(() -> Jsonp.createObjectBuilder()
                .add("audit", record.action())
                .add("at", record.at().toString() + "Z")
                .add("subject", record.subject())
                .add("organization", record.organizationId())
                .add("targetType", record.targetType())
                .add("targetId", record.targetId() == null ? "" : record.targetId())
                .add("outcome", record.outcome())
                .build().toString());
    }
}
