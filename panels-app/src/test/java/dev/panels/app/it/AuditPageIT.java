package dev.panels.app.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit page's API (filters, paging, CSV) and each panel's change history. Every test works in an
 * organization of its own, so it sees only the records it caused.
 */
class AuditPageIT extends DeployedApp {

    private record Org(String organization, TestIssuer.Token editor, String auditor) {
        static Org fresh() {
            TestIssuer.Token editor = TestIssuer.token().groups("panels-editor");
            return new Org(editor.organization(), editor,
                    TestIssuer.token().organization(editor.organization()).groups("auditor").serialize());
        }

        TestIssuer.Token member(String... groups) {
            return TestIssuer.token().organization(organization).groups(groups);
        }
    }

    private String newPanel(String token, String name) {
        Api.Reply created = api().post("api/panels", token, "{\"name\": \"" + name + "\", \"dataSources\": [\"patient\"]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getString("id");
    }

    private List<JsonObject> page(String query, String auditor) {
        Api.Reply reply = api().get("api/audit" + query, auditor);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return ((JsonArray) reply.structure()).getValuesAs(JsonObject.class);
    }

    @Test
    void filtersByPersonActionPanelAndTime() {
        Org org = Org.fresh();
        TestIssuer.Token colleague = org.member("panels-editor");
        String mine = newPanel(org.editor().serialize(), "Mine");
        String theirs = newPanel(colleague.serialize(), "Theirs");
        api().get("api/panels/" + theirs, org.editor().serialize());

        assertThat(page("?person=" + colleague.subject(), org.auditor())).extracting(r -> r.getString("subject")).containsOnly(colleague.subject());
        assertThat(page("?action=panel.create", org.auditor())).extracting(r -> r.getString("targetId")).containsExactlyInAnyOrder(mine, theirs);
        assertThat(page("?action=panel.*", org.auditor())).extracting(r -> r.getString("action")).allMatch(a -> a.startsWith("panel."))
                .contains("panel.read");
        assertThat(page("?panel=" + theirs, org.auditor())).extracting(r -> r.getString("panelId")).containsOnly(theirs)
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(page("?panel=" + theirs + "&person=" + org.editor().subject() + "&action=panel.read", org.auditor())).hasSize(1);
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        assertThat(page("?from=" + future, org.auditor())).isEmpty();
        assertThat(page("?to=" + future, org.auditor())).isNotEmpty();
    }

    @Test
    void pagesCarryALinkToTheNextUntilTheLast() {
        Org org = Org.fresh();
        for (int i = 0; i < 3; i++) {
            newPanel(org.editor().serialize(), "Panel " + i);
        }

        Api.Reply first = api().get("api/audit?action=panel.create&limit=2", org.auditor());
        Api.Reply second = api().get("api/audit?action=panel.create&limit=2&page=1", org.auditor());

        assertThat(((JsonArray) first.structure())).hasSize(2);
        assertThat(first.headers().get("link")).singleElement().asString().contains("page=1").contains("rel=\"next\"");
        assertThat(((JsonArray) second.structure())).hasSize(1);
        assertThat(second.headers().get("link")).isNull();
    }

    @Test
    void theCsvExportHasEveryMatchingRecordWithFormulasDefusedAndIsItselfAudited() {
        Org org = Org.fresh();
        // A person whose id a spreadsheet would run as a formula.
        TestIssuer.Token hostile = org.member("panels-editor").subject("=1+2-" + java.util.UUID.randomUUID());
        newPanel(hostile.serialize(), "Formulas");

        Api.Reply csv = api().send("GET", "api/audit/export?action=panel.create", org.auditor(), null, java.util.Map.of("Accept", "text/csv"));

        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.headers().get("content-disposition")).singleElement().asString().contains("attachment");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("time,person_id,person,action,target_type,target_id,panel_id,outcome,detail");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains(",\"'" + hostile.subject() + "\",").contains(",panel.create,").contains("\"panel \"\"Formulas\"\"\"");
        assertThat(page("?action=audit.export", org.auditor())).singleElement()
                .satisfies(r -> assertThat(r.getString("detail")).startsWith("1 records; action=panel.create"));
    }

    @Test
    void onlyAuditorsAndAdminsOfTheSameOrganizationReadTheTrail() {
        Org org = Org.fresh();
        newPanel(org.editor().serialize(), "Private matters");
        Org other = Org.fresh();

        assertThat(page("", other.auditor())).isEmpty();
        assertThat(api().get("api/audit", org.editor().serialize()).status()).isEqualTo(403);
        assertThat(api().send("GET", "api/audit/export", org.member("panels-viewer").serialize(), null, java.util.Map.of("Accept", "text/csv"))
                .status()).isEqualTo(403);
        assertThat(page("", org.member("panels-admin").serialize())).isNotEmpty();
    }

    @Test
    void badFiltersAreProblemDetailsNamingTheField() {
        Org org = Org.fresh();
        for (String query : List.of("?from=yesterday", "?action=DROP%20TABLE", "?limit=0", "?page=-1", "?limit=abc",
                "?from=2026-12-02&to=2026-12-01", "?panel=%2E%2E%2Fetc")) {
            Api.Reply reply = api().get("api/audit" + query, org.auditor());
            assertThat(reply.status()).as(query + " → " + reply).isEqualTo(400);
            assertThat(reply.contentType()).contains("problem+json");
            assertThat(reply.json().getJsonObject("errors")).as(query).isNotEmpty();
        }
    }

    @Test
    void aPanelsHistoryShowsWhoChangedWhatButNotPrivateViews() {
        Org org = Org.fresh();
        String editor = org.editor().serialize();
        String panel = newPanel(editor, "Diabetes follow-up");
        Api.Reply column = api().post("api/panels/" + panel + "/columns", editor, """
                {"key": "given", "label": "Given name", "type": "text", "rowType": "patient", "expression": "Patient.name.first().given.first()"}""");
        assertThat(column.status()).as(column.toString()).isEqualTo(201);
        TestIssuer.Token viewer = org.member("panels-viewer");
        assertThat(api().put("api/panels/" + panel + "/sharing", editor, "[{\"principal\": \"" + viewer.subject() + "\", \"level\": \"viewer\"}]", null)
                .status()).isEqualTo(200);
        assertThat(api().post("api/panels/" + panel + "/views", editor, """
                {"name": "Shared one", "rowType": "patient", "visibility": "organization", "definition": {"columns": ["given"]}}""").status())
                .isEqualTo(201);
        assertThat(api().post("api/panels/" + panel + "/views", viewer.serialize(), """
                {"name": "My secret view", "rowType": "patient", "visibility": "private", "definition": {"columns": ["given"]}}""").status())
                .isEqualTo(201);

        Api.Reply history = api().get("api/panels/" + panel + "/history", viewer.serialize());

        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        List<JsonObject> entries = ((JsonArray) history.structure()).getValuesAs(JsonObject.class);
        assertThat(entries).extracting(e -> e.getString("action"))
                .containsExactly("view.create", "panel.share", "column.create", "panel.create");
        assertThat(entries.get(0).getString("detail")).contains("Shared one");
        String owner = org.editor().subject() + " owner";
        assertThat(entries.get(1).getString("detail")).isEqualTo("sharing: " + owner + " → " + java.util.stream.Stream.of(owner,
                viewer.subject() + " viewer").sorted().collect(java.util.stream.Collectors.joining(", ")));
        assertThat(entries.get(2).getString("detail")).contains("Given name");
        assertThat(entries).allSatisfy(e -> assertThat(e.getString("subject")).isEqualTo(org.editor().subject()));
        assertThat(history.body()).doesNotContain("My secret view");
        assertThat(api().get("api/panels/" + panel + "/history", Org.fresh().editor().serialize()).status()).isEqualTo(404);
        assertThat(api().get("api/panels/" + panel + "/history?size=500", editor).status()).isEqualTo(400);
    }
}
