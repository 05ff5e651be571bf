package dev.panels.app.live;

import dev.panels.app.PanelsConfig;
import dev.panels.app.audit.AuditRecord;
import dev.panels.app.audit.AuditRecorded;
import dev.panels.app.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Tells the people using a panel that it changed: every change its history shows (settings, sharing, columns, shared
 * views) and its deletion becomes a live {@code Panel} event of its organization. Written inside the change's own
 * transaction, so there is no notice of a change that rolled back, and no change without its notice. The event names
 * the panel only; who changed what is read from the history, which checks the reader's access. A private view is no
 * one else's business, so its changes send nothing (as they stay out of the history).
 */
@ApplicationScoped
public class PanelChanges {

    /** The resource type of a panel's events; not a FHIR type, so no Medplum hook can carry it. */
    public static final String PANEL = "Panel";

    @Inject
    PanelsConfig config;

    @Inject
    LiveEvents events;

    void changed(@Observes AuditRecorded recorded) {
        AuditRecord record = recorded.record();
        if (config.liveHookKey().isEmpty() || !AuditTrail.changesAnOpenPanel(record)) {
            return; // without live updates no one reads (or purges) the events
        }
        String interaction = "panel.delete".equals(record.action()) ? "delete" : "update";
        events.record(record.organizationId(), new MedplumHook.Change(PANEL, record.panelId(), record.id(), interaction));
    }
}
