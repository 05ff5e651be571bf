package dev.panels.app.medplum;

import dev.panels.app.PanelsConfig;
import dev.panels.app.audit.AuditRecord;
import dev.panels.app.auth.Claims;
import dev.panels.app.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The queue of audit records still to be written to Medplum. Each export locks its row ({@code FOR UPDATE SKIP
 * LOCKED}) for the time of the Medplum call, so the attempt right after commit, the retry schedule and other app
 * nodes never write the same AuditEvent twice.
 */
@ApplicationScoped
public class AuditEventExports {

    private static final Logger LOG = Logger.getLogger(AuditEventExports.class.getName());

    @PersistenceContext(unitName = "panels")
    EntityManager em;

    @Inject
    PanelsConfig config;

    @Inject
    MedplumGateway medplum;

    @Inject
    Clock clock;

    /** Queues the record in the caller's transaction: it is exported only if the record itself commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(String auditId, String sealedMedplumToken, String fhirUser) {
        em.persist(new AuditEventExport(auditId, sealedMedplumToken, fhirUser, now()));
    }

    /** Ids of queued exports whose next attempt is due, oldest first. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<String> due(int limit) {
        return em.createQuery("select e.auditId from AuditEventExport e where e.givenUpAt is null and e.nextAttemptAt <= :now"
                        + " order by e.nextAttemptAt", String.class)
                .setParameter("now", now()).setMaxResults(limit).getResultList();
    }

    /**
     * Writes one queued record to Medplum unless another attempt holds it: deleted from the queue once Medplum has it,
     * rescheduled when Medplum is unavailable, given up (kept, logged) when Medplum can no longer take it as its user.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void export(String auditId) {
        List<?> locked = em.createNativeQuery("SELECT audit_id FROM audit_export WHERE audit_id = ?1 AND given_up_at IS NULL"
                + " FOR UPDATE SKIP LOCKED").setParameter(1, auditId).getResultList();
        if (locked.isEmpty()) {
            return;
        }
        AuditEventExport export = em.find(AuditEventExport.class, auditId);
        AuditRecord record = em.find(AuditRecord.class, auditId);
        Optional<String> token = config.medplumTokenSeal()
                .flatMap(seal -> seal.open(Claims.SEALED_MEDPLUM_TOKEN, export.sealedMedplumToken()))
                .map(claims -> claims.get("v"));
        if (token.isEmpty()) {
            giveUp(export, "the acting user's Medplum access expired (or its keys were retired) before Medplum took the record");
            return;
        }
        try {
            medplum.createAuditEvent(token.get(), MedplumAuditSink.toAuditEvent(record, export.fhirUser()));
            em.remove(export);
        } catch (ProblemException e) {
            giveUp(export, "Medplum refused it: " + e.problem().type().title() + " (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            // unavailable, timed out, circuit open: Medplum may take it later
            export.failed(now(), e.getMessage());
            LOG.log(Level.WARNING, "AuditEvent {0} not yet written to Medplum (attempt {1}, next at {2}Z): {3}",
                    new Object[]{auditId, export.attempts(), export.nextAttemptAt(), e.toString()});
        }
    }

    private void giveUp(AuditEventExport export, String reason) {
        export.giveUp(now(), reason);
        // kept in audit_export with the reason; the record itself stays in audit_record, the trail of truth
        LOG.log(Level.SEVERE, "AuditEvent {0} will not be written to Medplum: {1}", new Object[]{export.auditId(), reason});
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
