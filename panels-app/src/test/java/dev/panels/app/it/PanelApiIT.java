package dev.panels.app.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Panels, columns and views over HTTP on a real PostgreSQL: CRUD, optimistic locking, validation, scoping. */
class PanelApiIT extends DeployedApp {

    static final String PANEL = """
            {"name": "Diabetes follow-up", "description": "Open tasks of diabetic patients",
             "dataSources": ["patient", "task"],
             "cohortRule": {"patient": {"address-state": "MA"}, "task": {"status": "requested"}}}""";

    @Test
    void panelLifecycleWithOptimisticLocking() {
        String editor = TestIssuer.token().groups("panels-editor").serialize();

        Api.Reply created = api().post("api/panels", editor, PANEL);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().getString("id");
        String etag = created.header("ETag");
        assertThat(etag).isNotBlank();
        assertThat(created.header("Location")).endsWith("/api/panels/" + id);
        assertThat(created.json().getJsonObject("cohortRule").getJsonObject("task").getString("status")).isEqualTo("requested");

        Api.Reply read = api().get("api/panels/" + id, editor);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo(etag);
        assertThat(read.json().getString("access")).isEqualTo("owner");

        String renamed = PANEL.replace("Diabetes follow-up", "Diabetes follow-up (MA)");
        assertThat(api().put("api/panels/" + id, editor, renamed, null).status()).isEqualTo(428);
        Api.Reply updated = api().put("api/panels/" + id, editor, renamed, etag);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().getString("name")).isEqualTo("Diabetes follow-up (MA)");
        assertThat(updated.header("ETag")).isNotEqualTo(etag);

        Api.Reply stale = api().put("api/panels/" + id, editor, PANEL, etag);
        assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(stale.problemType()).isEqualTo("https://panels.dev/problems/precondition");
        assertThat(api().delete("api/panels/" + id, editor, etag).status()).isEqualTo(412);

        assertThat(api().delete("api/panels/" + id, editor, updated.header("ETag")).status()).isEqualTo(204);
        assertThat(api().get("api/panels/" + id, editor).status()).isEqualTo(404);
    }

    @Test
    void invalidPanelIsRefusedWithEveryFieldError() {
        String editor = TestIssuer.token().groups("panels-editor").serialize();
        String invalid = """
                {"name": "  ", "dataSources": ["patient", "observation"],
                 "cohortRule": {"patient": {"_count": "5000"}, "appointment": {"date": "ge2025-01-01"}}}""";

        Api.Reply reply = api().post("api/panels", editor, invalid);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.problemType()).isEqualTo("https://panels.dev/problems/validation");
        JsonObject errors = reply.json().getJsonObject("errors");
        assertThat(errors.keySet()).contains("name", "dataSources[1]", "cohortRule.patient._count", "cohortRule.appointment");
        for (String unreadable : new String[]{"{not json", "[]", "\"text\"", ""}) {
            Api.Reply refused = api().post("api/panels", editor, unreadable);
            assertThat(refused.status()).as(unreadable + " -> " + refused).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void protocolErrorsAreProblemsWithTheirOwnStatus() {
        String editor = TestIssuer.token().groups("panels-editor").serialize();

        Api.Reply wrongMethod = api().send("PATCH", "api/panels", editor, "{}", java.util.Map.of());
        assertThat(wrongMethod.status()).as(wrongMethod.toString()).isEqualTo(405);
        assertThat(wrongMethod.problemType()).isEqualTo("https://panels.dev/problems/method-not-allowed");

        Api.Reply wrongType = api().send("POST", "api/panels", editor, null, java.util.Map.of("Content-Type", "text/plain"));
        assertThat(wrongType.status()).as(wrongType.toString()).isEqualTo(415);
        assertThat(wrongType.problemType()).isEqualTo("https://panels.dev/problems/unsupported-media-type");

        Api.Reply unknown = api().get("api/no-such-thing", editor);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void viewerMayReadButNotCreate() {
        Api.Reply reply = api().post("api/panels", TestIssuer.token().groups("panels-viewer").serialize(), PANEL);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
        assertThat(reply.problemType()).isEqualTo("https://panels.dev/problems/permission");
    }

    @Test
    void panelsOfAnotherOrganizationDoNotExistForTheCaller() {
        TestIssuer.Token owner = TestIssuer.token().groups("panels-admin");
        String id = api().post("api/panels", owner.serialize(), PANEL).json().getString("id");
        String outsider = TestIssuer.token().groups("panels-admin").serialize();

        Api.Reply reply = api().get("api/panels/" + id, outsider);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        assertThat(reply.problemType()).isEqualTo("https://panels.dev/problems/not-found");
        assertThat(api().get("api/panels", outsider).structure().toString()).doesNotContain(id);
        assertThat(api().delete("api/panels/" + id, outsider, "*").status()).isEqualTo(404);
    }

    @Test
    void sharingDecidesWhoSeesAndWhoChangesAPanel() {
        TestIssuer.Token owner = TestIssuer.token().groups("panels-editor");
        TestIssuer.Token colleague = TestIssuer.token().organization(owner.organization()).groups("panels-editor");
        Api.Reply created = api().post("api/panels", owner.serialize(), PANEL);
        String id = created.json().getString("id");

        assertThat(api().get("api/panels/" + id, colleague.serialize()).status()).isEqualTo(404);
        Api.Reply shared = api().put("api/panels/" + id + "/sharing", owner.serialize(),
                "[{\"principal\": \"*\", \"level\": \"viewer\"}]", null);
        assertThat(shared.status()).as(shared.toString()).isEqualTo(200);

        Api.Reply seen = api().get("api/panels/" + id, colleague.serialize());
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().getString("access")).isEqualTo("viewer");
        Api.Reply change = api().put("api/panels/" + id, colleague.serialize(), PANEL, seen.header("ETag"));
        assertThat(change.status()).as(change.toString()).isEqualTo(403);
        Api.Reply grab = api().put("api/panels/" + id + "/sharing", colleague.serialize(),
                "[{\"principal\": \"" + colleague.subject() + "\", \"level\": \"owner\"}]", null);
        assertThat(grab.status()).as("a viewer cannot make itself owner").isEqualTo(403);
    }

    @Test
    void columnsAndViewsAreValidatedAgainstThePanel() {
        String editor = TestIssuer.token().groups("panels-editor").serialize();
        String panelId = api().post("api/panels", editor, PANEL).json().getString("id");
        String columns = "api/panels/" + panelId + "/columns";

        Api.Reply badPath = api().post(columns, editor, """
                {"key": "given", "label": "Given", "type": "text", "rowType": "patient", "expression": "Patient.name.first(.given"}""");
        assertThat(badPath.status()).as(badPath.toString()).isEqualTo(400);
        assertThat(badPath.json().getJsonObject("errors").keySet()).contains("expression");

        Api.Reply column = api().post(columns, editor, """
                {"key": "given", "label": "Given", "type": "text", "rowType": "patient",
                 "expression": "Patient.name.first().given.first()", "searchParam": "given"}""");
        assertThat(column.status()).as(column.toString()).isEqualTo(201);
        Api.Reply duplicate = api().post(columns, editor, """
                {"key": "given", "label": "Again", "type": "text", "rowType": "patient", "expression": "Patient.id"}""");
        assertThat(duplicate.status()).isEqualTo(400);
        Api.Reply outsideSources = api().post(columns, editor, """
                {"key": "when", "label": "When", "type": "date", "rowType": "appointment", "expression": "Appointment.start"}""");
        assertThat(outsideSources.json().getJsonObject("errors").keySet()).contains("rowType");

        String views = "api/panels/" + panelId + "/views";
        Api.Reply badView = api().post(views, editor, """
                {"name": "Mine", "rowType": "patient", "definition": {"columns": ["given", "nope"],
                 "filters": [{"column": "given", "operator": "date_range", "value": "@someday"}]}}""");
        assertThat(badView.status()).as(badView.toString()).isEqualTo(400);
        assertThat(badView.json().getJsonObject("errors").keySet())
                .contains("definition.columns[1]", "definition.filters[0].value");
        Api.Reply view = api().post(views, editor, """
                {"name": "Mine", "rowType": "patient", "visibility": "organization",
                 "definition": {"columns": ["given"], "filters": [{"column": "given", "operator": "contains", "value": "an"}],
                                "sort": {"column": "given", "direction": "desc"}}}""");
        assertThat(view.status()).as(view.toString()).isEqualTo(201);
        assertThat(view.json().getJsonObject("definition").getJsonObject("sort").getString("direction")).isEqualTo("desc");
        assertThat(api().get(views, editor).structure().asJsonArray()).hasSize(1);
    }

    @Test
    void auditorReadsTheTrailOfItsOrganization() {
        TestIssuer.Token editor = TestIssuer.token().groups("panels-editor");
        String id = api().post("api/panels", editor.serialize(), PANEL).json().getString("id");
        String auditor = TestIssuer.token().organization(editor.organization()).groups("auditor").serialize();

        Api.Reply trail = api().get("api/audit", auditor);

        assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
        assertThat(trail.body()).contains("panel.create").contains(id).contains(editor.subject());
        assertThat(api().get("api/panels", auditor).status()).as("auditors do not read panels").isEqualTo(403);
    }

    @Test
    void auditRecordsAreWrittenToMedplumAsTheActingUser() throws InterruptedException {
        TestIssuer.Token editor = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-editor");
        String id = api().post("api/panels", editor.serialize(), PANEL).json().getString("id");

        org.hl7.fhir.r4.model.AuditEvent written = null;
        for (int i = 0; i < 50 && written == null; i++) {
            org.hl7.fhir.r4.model.Bundle events = Medplum.Tenant.NORTHWIND.client().search()
                    .byUrl("AuditEvent?_count=1000").returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute();
            written = events.getEntry().stream().map(e -> (org.hl7.fhir.r4.model.AuditEvent) e.getResource())
                    .filter(e -> e.hasEntity() && id.equals(e.getEntityFirstRep().getWhat().getIdentifier().getValue()))
                    .findFirst().orElse(null);
            if (written == null) {
                Thread.sleep(100);
            }
        }

        assertThat(written).as("AuditEvent for the new panel in Medplum").isNotNull();
        assertThat(written.getSubtypeFirstRep().getCode()).isEqualTo("panel.create");
        assertThat(written.getAction()).isEqualTo(org.hl7.fhir.r4.model.AuditEvent.AuditEventAction.C);
        assertThat(written.getAgentFirstRep().getWho().getReference()).isEqualTo("Practitioner/" + editor.subject());
        assertThat(written.getSource().getSite()).isEqualTo(editor.organization());
    }
}
