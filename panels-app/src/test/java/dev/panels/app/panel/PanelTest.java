package dev.panels.app.panel;

import dev.panels.app.auth.Permission;
import dev.panels.app.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PanelTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:15:30Z"), ZoneOffset.UTC);

    static Panel panel() {
        return Panel.create("org-1", "alice",
                PanelDraft.from(PanelDraftTest.json("{\"name\": \"P\", \"dataSources\": [\"patient\", \"task\"]}")), CLOCK);
    }

    static ColumnDraft column(String key, String rowType) {
        return ColumnDraft.from(PanelDraftTest.json("""
                {"key": "%s", "label": "L", "type": "text", "rowType": "%s", "expression": "Patient.id"}""".formatted(key, rowType)));
    }

    @Test
    void creatorOwnsTheNewPanel() {
        Panel panel = panel();

        assertThat(panel.accessOf("alice")).contains(AccessLevel.OWNER);
        assertThat(panel.accessOf("bob")).isEmpty();
        assertThat(panel.createdAt()).hasToString("2026-03-02T10:15:30");
    }

    @Test
    void sharingCanNeitherRemoveNorDemoteTheOwner() {
        Panel panel = panel();

        panel.replaceGrants(List.of(new PanelGrant.Spec("alice", AccessLevel.VIEWER), new PanelGrant.Spec("*", AccessLevel.VIEWER),
                new PanelGrant.Spec("bob", AccessLevel.EDITOR)));

        assertThat(panel.accessOf("alice")).contains(AccessLevel.OWNER);
        assertThat(panel.accessOf("bob")).contains(AccessLevel.EDITOR);
        assertThat(panel.accessOf("carol")).contains(AccessLevel.VIEWER);
    }

    @Test
    void otherOrganizationsSeeNothingAndAdminsActAsOwner() {
        Panel panel = panel();
        Set<Permission> admin = EnumSet.of(Permission.PANEL_READ, Permission.PANEL_MANAGE_ANY);

        assertThat(PanelAccess.of(panel, "alice", "org-2", admin)).isEmpty();
        assertThat(PanelAccess.of(panel, "dave", "org-1", admin)).contains(AccessLevel.OWNER);
        assertThat(PanelAccess.of(panel, "dave", "org-1", EnumSet.of(Permission.PANEL_READ))).isEmpty();
    }

    @Test
    void columnKeysAreUniqueAndBelongToADataSource() {
        Panel panel = panel();
        panel.addColumn(column("given", "patient"));

        assertThatThrownBy(() -> panel.addColumn(column("given", "task"))).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().errors()).containsKey("key"));
        assertThatThrownBy(() -> panel.addColumn(column("start", "appointment"))).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().errors()).containsKey("rowType"));
    }

    @Test
    void removingAColumnKeepsPositionsDense() {
        Panel panel = panel();
        PanelColumn a = panel.addColumn(column("a", "patient"));
        panel.addColumn(column("b", "patient"));
        panel.addColumn(column("c", "task"));

        panel.removeColumn(a);

        assertThat(panel.columns()).extracting(PanelColumn::key).containsExactly("b", "c");
        assertThat(panel.columns()).extracting(PanelColumn::position).containsExactly(0, 1);
    }

    @Test
    void selectColumnsNeedOptionsAndOthersRefuseThem() {
        assertThatThrownBy(() -> ColumnDraft.from(PanelDraftTest.json("""
                {"key": "s", "label": "S", "type": "select", "rowType": "task", "expression": "Task.status"}""")))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> ColumnDraft.from(PanelDraftTest.json("""
                {"key": "s", "label": "S", "type": "text", "rowType": "task", "expression": "Task.status", "options": ["a"], "width": 5}""")))
                .satisfies(e -> assertThat(((ProblemException) e).problem().errors()).containsKeys("options", "width"));
    }
}
