package dev.panels.app.it;

import dev.panels.emulator.common.FaultInjection;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worklist rows from the Medplum emulator, read with the caller's Medplum token, with the panel's
 * columns computed; each expectation is recomputed here from the same data fetched independently.
 */
class WorklistIT extends DeployedApp {

    @AfterEach
    void medplumBack() {
        Medplum.faults().reset();
    }

    private String panelWithColumns(String token) {
        String id = api().post("api/panels", token, """
                {"name": "Open work", "dataSources": ["patient", "task"], "cohortRule": {"patient": {"gender": "female"}}}""")
                .json().getString("id");
        for (String column : List.of(
                """
                {"key": "given", "label": "Given", "type": "text", "rowType": "patient",
                 "expression": "Patient.name.first().given.first()", "searchParam": "given"}""",
                """
                {"key": "open_tasks", "label": "Open tasks", "type": "number", "rowType": "patient",
                 "expression": "Task.where(status != 'completed' and status != 'cancelled').count()"}""",
                """
                {"key": "age", "label": "Age", "type": "number", "rowType": "patient",
                 "expression": "subtractDates(%today, Patient.birthDate, 'years')"}""")) {
            Api.Reply created = api().post("api/panels/" + id + "/columns", token, column);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }
        return id;
    }

    /** The same page fetched directly: patient id → [given, open tasks, age]. */
    private static Map<String, List<Object>> expectedPage(String query) {
        Bundle bundle = Medplum.Tenant.NORTHWIND.client().search().byUrl(query).returnBundle(Bundle.class).execute();
        Map<String, List<Object>> expected = new LinkedHashMap<>();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Patient patient) {
                String id = patient.getIdElement().getIdPart();
                long open = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                        .filter(r -> r instanceof Task t && ("Patient/" + id).equals(t.getFor().getReferenceElement().toUnqualifiedVersionless().getValue())
                                && t.getStatus() != Task.TaskStatus.COMPLETED && t.getStatus() != Task.TaskStatus.CANCELLED)
                        .count();
                long days = ChronoUnit.DAYS.between(LocalDate.parse(patient.getBirthDateElement().getValueAsString()), today);
                expected.put(id, List.of(patient.getNameFirstRep().getGivenAsSingleString(), open, Math.round(days / 365.25)));
            }
        }
        return expected;
    }

    @Test
    void rowsComeFromMedplumWithComputedColumns() {
        TestIssuer.Token token = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-editor");
        String id = panelWithColumns(token.serialize());

        Api.Reply reply = api().get("api/panels/" + id + "/rows?type=patient&size=10&page=1&sort=given:asc&filter=given:contains:a",
                token.serialize());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        Map<String, List<Object>> expected = expectedPage(
                "Patient?gender=female&given:contains=a&_sort=given&_count=10&_offset=10&_revinclude=Task:patient");
        assertThat(expected).as("the seed has a second page of such patients").hasSize(10);
        JsonArray rows = reply.json().getJsonArray("rows");
        assertThat(rows.stream().map(r -> r.asJsonObject().getString("id")).toList()).containsExactlyElementsOf(expected.keySet());
        for (var row : rows) {
            JsonObject values = row.asJsonObject().getJsonObject("values");
            List<Object> want = expected.get(row.asJsonObject().getString("id"));
            assertThat(values.getString("given")).isEqualTo(want.get(0));
            assertThat(values.getJsonNumber("open_tasks").longValue()).isEqualTo(want.get(1));
            assertThat(values.getJsonNumber("age").longValue()).isEqualTo(want.get(2));
        }
        assertThat(expected.values().stream().mapToLong(v -> (Long) v.get(1)).sum()).as("some rows carry open tasks").isPositive();
    }

    @Test
    void theCallersOwnMedplumTokenIsUsed() {
        String token = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-editor").medplumToken("not-a-medplum-token").serialize();
        String id = panelWithColumns(token);

        Api.Reply reply = api().get("api/panels/" + id + "/rows", token);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.problemType()).isEqualTo("https://panels.dev/problems/token");
        assertThat(reply.body()).doesNotContain("not-a-medplum-token");
    }

    @Test
    void aViewShowsItsColumnsAndFiltersOnOthersAcrossThePage() {
        String token = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-editor").serialize();
        String id = panelWithColumns(token);
        Api.Reply view = api().post("api/panels/" + id + "/views", token, """
                {"name": "No open work", "rowType": "patient", "definition": {"columns": ["given"],
                 "filters": [{"column": "open_tasks", "operator": "equals", "value": "0"}], "sort": {"column": "given"}}}""");
        assertThat(view.status()).as(view.toString()).isEqualTo(201);

        Api.Reply reply = api().get("api/panels/" + id + "/rows?size=20&view=" + view.json().getString("id"), token);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<String> withoutOpenTasks = expectedPage("Patient?gender=female&_sort=given&_count=20&_offset=0&_revinclude=Task:patient")
                .entrySet().stream().filter(e -> (Long) e.getValue().get(1) == 0).map(Map.Entry::getKey).toList();
        JsonArray rows = reply.json().getJsonArray("rows");
        assertThat(rows.stream().map(r -> r.asJsonObject().getString("id")).toList()).containsExactlyElementsOf(withoutOpenTasks);
        assertThat(rows).allSatisfy(r -> assertThat(r.asJsonObject().getJsonObject("values").keySet()).containsExactly("given"));
        assertThat(reply.json().getBoolean("filteredOnPage")).isTrue();
    }

    @Test
    void countsPerDataSourceComeFromCountOnlySearches() {
        TestIssuer.Token viewer = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-viewer");
        TestIssuer.Token editor = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).organization(viewer.organization()).groups("panels-editor");
        String id = panelWithColumns(editor.serialize());
        api().put("api/panels/" + id + "/sharing", editor.serialize(), "[{\"principal\": \"*\", \"level\": \"viewer\"}]", null);

        Api.Reply reply = api().get("api/panels/" + id + "/counts", viewer.serialize());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        int patients = Medplum.Tenant.NORTHWIND.client().search().byUrl("Patient?gender=female&_summary=count").returnBundle(Bundle.class).execute().getTotal();
        int tasks = Medplum.Tenant.NORTHWIND.client().search().byUrl("Task?_summary=count").returnBundle(Bundle.class).execute().getTotal();
        assertThat(reply.json().getJsonObject("counts").getInt("patient")).isEqualTo(patients).isPositive();
        assertThat(reply.json().getJsonObject("counts").getInt("task")).isEqualTo(tasks).isPositive();
    }

    @Test
    void medplumDownAnswers503WithRetryAfter() {
        String token = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-editor").serialize();
        String id = panelWithColumns(token);
        Medplum.faults().update(new FaultInjection.Settings(0, 0, 503, true));

        Api.Reply reply = api().get("api/panels/" + id + "/rows", token);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.problemType()).isEqualTo("https://panels.dev/problems/upstream-unavailable");
        assertThat(reply.header("Retry-After")).matches("\\d+");
        assertThat(reply.body()).doesNotContain("Exception");
    }

    @Test
    void aSignInWithoutMedplumAccessIsClinicalDataUnavailableWhilePanelsKeepWorking() {
        TestIssuer.Token caller = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-editor");
        String id = panelWithColumns(caller.serialize());
        String token = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-editor").subject(caller.subject())
                .organization(caller.organization()).withoutMedplum().serialize();

        Api.Reply rows = api().get("api/panels/" + id + "/rows", token);
        Api.Reply counts = api().get("api/panels/" + id + "/counts", token);
        Api.Reply me = api().get("api/me", token);
        Api.Reply panel = api().get("api/panels/" + id, token);

        assertThat(rows.status()).as(rows.toString()).isEqualTo(503);
        assertThat(rows.problemType()).isEqualTo("https://panels.dev/problems/clinical-data-unavailable");
        assertThat(rows.json().getString("detail")).contains("no Medplum access");
        assertThat(counts.problemType()).isEqualTo("https://panels.dev/problems/clinical-data-unavailable");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().getBoolean("clinicalData")).isFalse();
        assertThat(api().get("api/me", caller.serialize()).json().getBoolean("clinicalData")).isTrue();
        assertThat(panel.status()).isEqualTo(200);
    }

    @Test
    void rowsOfAnotherOrganizationsPanelAreNotFound() {
        String id = panelWithColumns(TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-editor").serialize());

        Api.Reply reply = api().get("api/panels/" + id + "/rows", TestIssuer.token().in(Medplum.Tenant.RIVERSIDE).groups("panels-admin").serialize());

        assertThat(reply.status()).isEqualTo(404);
    }

    @Test
    void badPagingIsAValidationError() {
        String token = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-editor").serialize();
        String id = panelWithColumns(token);

        Api.Reply reply = api().get("api/panels/" + id + "/rows?size=5000", token);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().getJsonObject("errors").keySet()).contains("size");
    }
}
