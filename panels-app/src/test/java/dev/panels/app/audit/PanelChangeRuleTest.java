package dev.panels.app.audit;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Which audit records tell the people using a panel that it changed ({@code AuditTrail.changesAnOpenPanel}). */
class PanelChangeRuleTest {

    private static final String PANEL = "7d5f3a2e-0000-4000-8000-000000000001";

    @Test
    void everyChangeTheHistoryShowsAndTheDeletionTellThePanelsUsers() {
        for (String action : new String[]{"panel.update", "panel.share", "column.create", "column.update", "column.delete",
                "view.create", "view.update", "view.delete", "panel.delete"}) {
            assertThat(AuditTrail.changesAnOpenPanel(record(action, PANEL, AuditTrail.Outcome.SUCCESS))).as(action).isTrue();
        }
    }

    @Test
    void readsCreationRefusalsAndPrivateViewsTellNoOne() {
        assertThat(AuditTrail.changesAnOpenPanel(record("panel.read", PANEL, AuditTrail.Outcome.SUCCESS))).isFalse();
        assertThat(AuditTrail.changesAnOpenPanel(record("panel.history", PANEL, AuditTrail.Outcome.SUCCESS))).isFalse();
        assertThat(AuditTrail.changesAnOpenPanel(record("panel.create", PANEL, AuditTrail.Outcome.SUCCESS))).isFalse();
        assertThat(AuditTrail.changesAnOpenPanel(record("column.update", PANEL, AuditTrail.Outcome.DENIED))).isFalse();
        assertThat(AuditTrail.changesAnOpenPanel(record("panel.delete", PANEL, AuditTrail.Outcome.FAILED))).isFalse();
        // a private view's change is recorded without its panel (it stays out of the history too)
        assertThat(AuditTrail.changesAnOpenPanel(record("view.update", null, AuditTrail.Outcome.SUCCESS))).isFalse();
    }

    private static AuditRecord record(String action, String panelId, AuditTrail.Outcome outcome) {
        return new AuditRecord(LocalDateTime.of(2026, 12, 3, 9, 0), "rita", "organization-test-1", action, "panel", panelId,
                outcome.name(), null, panelId, "Rita Editor");
    }
}
