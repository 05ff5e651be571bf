package dev.panels.app.medplum;

import dev.panels.app.PanelsConfig;
import dev.panels.app.audit.AuditRecord;
import dev.panels.app.audit.AuditRecorded;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When {@code panels.audit.medplum} is on, every audit record is also written to Medplum as a FHIR AuditEvent, as
 * the acting user, off the request thread. Nothing is lost to a Medplum outage or an app restart: the record is
 * queued in the database in its own transaction ({@link AuditEventExports}), tried right after commit, and retried
 * on a schedule until Medplum has it. A Medplum failure never fails the user's request: the database trail is the
 * record of truth.
 */
@ApplicationScoped
public class MedplumAuditSink {

    static final String ACTIONS = "https://panels.dev/audit-actions";
    private static final Logger LOG = Logger.getLogger(MedplumAuditSink.class.getName());
    private static final int BATCH = 50;

    @Inject
    PanelsConfig config;

    @Inject
    AuditEventExports exports;

    @Inject
    MedplumAuditSink self;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> retries;

    /** In the record's transaction. */
    void queue(@Observes AuditRecorded event) {
        if (config.auditToMedplum() && event.sealedMedplumToken() != null) {
            exports.queue(event.record().id(), event.sealedMedplumToken(), event.fhirUser());
        }
    }

    void exportAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuditRecorded event) {
        if (config.auditToMedplum() && event.sealedMedplumToken() != null) {
            self.exportSoon(event.record().id());
        }
    }

    /** The retry schedule starts with the application, so exports queued before a restart are written too. */
    void startRetries(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (config.auditToMedplum()) {
            long every = AuditEventExport.FIRST_RETRY.toSeconds();
            retries = scheduler.scheduleWithFixedDelay(this::exportDue, every, every, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stopRetries() {
        if (retries != null) {
            retries.cancel(false);
        }
    }

    @Asynchronous
    @Bulkhead(value = 4, waitingTaskQueue = 200)
    public CompletionStage<Void> exportSoon(String auditId) {
        exports.export(auditId);
        return CompletableFuture.completedFuture(null);
    }

    void exportDue() {
        try {
            for (String auditId : exports.due(BATCH)) {
                exports.export(auditId);
            }
        } catch (RuntimeException e) {
            // the database may be down too; the next run tries again
            LOG.log(Level.WARNING, "Queued AuditEvents not exported this time: {0}", e.toString());
        }
    }

    static AuditEvent toAuditEvent(AuditRecord record, String fhirUser) {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
        event.addSubtype(new Coding(ACTIONS, record.action(), null));
        event.setAction(action(record.action()));
        event.setRecorded(Date.from(record.at().toInstant(ZoneOffset.UTC)));
        event.setOutcome(switch (record.outcome()) {
            case "SUCCESS" -> AuditEvent.AuditEventOutcome._0;
            case "DENIED" -> AuditEvent.AuditEventOutcome._4;
            default -> AuditEvent.AuditEventOutcome._8;
        });
        if (record.detail() != null) {
            event.setOutcomeDesc(record.detail());
        }
        AuditEvent.AuditEventAgentComponent agent = event.addAgent().setRequestor(true).setAltId(record.subject());
        agent.setWho(fhirUser != null ? new Reference(fhirUser)
                : new Reference().setIdentifier(new Identifier().setSystem("https://panels.dev/subject").setValue(record.subject())));
        event.getSource().setSite(record.organizationId()).setObserver(new Reference().setDisplay("panels-app"));
        if (record.targetId() != null) {
            event.addEntity().setWhat(new Reference().setIdentifier(
                    new Identifier().setSystem("https://panels.dev/" + record.targetType()).setValue(record.targetId())));
        }
        return event;
    }

    static AuditEvent.AuditEventAction action(String action) {
        String verb = action.substring(action.lastIndexOf('.') + 1);
        return switch (verb) {
            case "create" -> AuditEvent.AuditEventAction.C;
            case "read", "list" -> AuditEvent.AuditEventAction.R;
            case "update", "share", "assign", "unassign" -> AuditEvent.AuditEventAction.U;
            case "delete" -> AuditEvent.AuditEventAction.D;
            default -> AuditEvent.AuditEventAction.E;
        };
    }
}
