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

    /** A success with what changed, e.g. the new status or which column. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void success(String action, String targetType, String targetId, String detail) {
        write(action, targetType, targetId, Outcome.SUCCESS, detail);
    }

    /** A change to a panel or one of its parts: it also appears in that panel's change history. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void changed(String panelId, String action, String targetType, String targetId, String detail) {
        write(panelId, action, targetType, targetId, Outcome.SUCCESS, detail);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refused(String action, String targetType, String targetId, Outcome outcome, String detail) {
        write(action, targetType, targetId, outcome, detail);
    }

    /** One page of the organization's records matching {@code query}, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditRecord> search(String organizationId, AuditQuery query, int offset, int limit) {
        var select = em.createQuery("select a from AuditRecord a where " + query.where() + " order by a.at desc, a.id", AuditRecord.class)
                .setParameter("org", organizationId);
        query.bind(select);
        return select.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** The changes made to one panel (settings, columns, shared views, sharing), newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditRecord> history(String organizationId, String panelId, int offset, int limit) {
        return em.createQuery("select a from AuditRecord a where a.organizationId = :org and a.panelId = :panel"
                        + " and a.outcome = 'SUCCESS' and a.action in :changes order by a.at desc, a.id", AuditRecord.class)
                .setParameter("org", organizationId).setParameter("panel", panelId).setParameter("changes", CHANGES)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** The actions a panel's change history shows. */
    static final List<String> CHANGES = List.of("panel.create", "panel.update", "panel.share", "column.create", "column.update",
            "column.delete", "view.create", "view.update", "view.delete");

    /**
     * A change that the people who have the panel open should hear of: one its history shows, or its deletion. Not its
     * creation (no one has it open yet), nor a refusal.
     */
    public static boolean changesAnOpenPanel(AuditRecord record) {
        return record.panelId() != null && Outcome.SUCCESS.name().equals(record.outcome()) && !"panel.create".equals(record.action())
                && (CHANGES.contains(record.action()) || "panel.delete".equals(record.action()));
    }

    private void write(String action, String targetType, String targetId, Outcome outcome, String detail) {
        write("panel".equals(targetType) ? targetId : null, action, targetType, targetId, outcome, detail);
    }

    private void write(String panelId, String action, String targetType, String targetId, Outcome outcome, String detail) {
        AuditRecord record = new AuditRecord(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
                user.subject(), user.organizationId(), action, targetType, targetId, outcome.name(), detail, panelId, user.name());
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
