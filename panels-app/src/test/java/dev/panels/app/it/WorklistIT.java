package dev.panels.app.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Worklist rows from the FHIR stand-in with computed columns, and what callers see when Medplum is down. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WorklistIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.packagedWar();
    }

    @ArquillianResource
    URL base;

    @AfterEach
    void medplumBack() {
        FhirStandIn.current().failing(false);
    }

    private Api api() {
        return new Api(base);
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
                 "expression": "Task.where(status != 'completed').count()"}""",
                """
                {"key": "age", "label": "Age", "type": "number", "rowType": "patient",
                 "expression": "subtractDates(%today, Patient.birthDate, 'years')"}""",
                """
                {"key": "born_before_today", "label": "Born", "type": "boolean", "rowType": "patient",
                 "expression": "Patient.birthDate < %today"}""")) {
            Api.Reply created = api().post("api/panels/" + id + "/columns", token, column);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }
        return id;
    }

    @Test
    void rowsComeFromMedplumWithTheCallersTokenAndComputedColumns() {
        TestIssuer.Token token = TestIssuer.token().groups("panels-editor");
        String id = panelWithColumns(token.serialize());
        int before = FhirStandIn.current().requests().size();

        Api.Reply reply = api().get("api/panels/" + id + "/rows?type=patient&size=10&sort=given:desc&filter=given:contains:a", token.serialize());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject page = reply.json();
        assertThat(page.getInt("total")).isEqualTo(2);
        JsonArray rows = page.getJsonArray("rows");
        assertThat(rows).hasSize(2);
        JsonObject ada = rows.getJsonObject(0).getJsonObject("values");
        assertThat(ada.getString("given")).isEqualTo("Ada");
        assertThat(ada.getJsonNumber("open_tasks").intValue()).isEqualTo(2);
        assertThat(ada.getBoolean("born_before_today")).isTrue();
        long days = java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.of(1990, 5, 17),
                java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        assertThat(ada.getJsonNumber("age").longValue()).isEqualTo(Math.round(days / 365.25));
        assertThat(rows.getJsonObject(1).getJsonObject("values").getJsonNumber("open_tasks").intValue()).isZero();

        FhirStandIn.Request search = FhirStandIn.current().requests().subList(before, FhirStandIn.current().requests().size())
                .stream().filter(r -> r.path().endsWith("/Patient")).findFirst().orElseThrow();
        assertThat(search.authorization()).isEqualTo("Bearer " + token.medplumToken());
        assertThat(java.net.URLDecoder.decode(search.query(), java.nio.charset.StandardCharsets.UTF_8)).contains("gender=female", "given:contains=a", "_sort=-given", "_count=10", "_revinclude=Task:patient");
    }

    @Test
    void aViewShowsItsColumnsAndFiltersOnOthersAcrossThePage() {
        String token = TestIssuer.token().groups("panels-editor").serialize();
        String id = panelWithColumns(token);
        Api.Reply view = api().post("api/panels/" + id + "/views", token, """
                {"name": "No open work", "rowType": "patient", "definition": {"columns": ["given"],
                 "filters": [{"column": "open_tasks", "operator": "equals", "value": "0"}]}}""");
        assertThat(view.status()).as(view.toString()).isEqualTo(201);

        Api.Reply reply = api().get("api/panels/" + id + "/rows?view=" + view.json().getString("id"), token);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonArray rows = reply.json().getJsonArray("rows");
        assertThat(rows).hasSize(1);
        assertThat(rows.getJsonObject(0).getString("id")).isEqualTo("p2");
        assertThat(rows.getJsonObject(0).getJsonObject("values").keySet()).containsExactly("given");
        assertThat(reply.json().getJsonArray("columns")).hasSize(1);
        assertThat(reply.json().getBoolean("filteredOnPage")).isTrue();
    }

    @Test
    void countsPerDataSourceComeFromCountOnlySearches() {
        TestIssuer.Token token = TestIssuer.token().groups("panels-viewer");
        TestIssuer.Token editor = TestIssuer.token().organization(token.organization()).groups("panels-editor");
        String id = panelWithColumns(editor.serialize());
        api().put("api/panels/" + id + "/sharing", editor.serialize(), "[{\"principal\": \"*\", \"level\": \"viewer\"}]", null);

        Api.Reply reply = api().get("api/panels/" + id + "/counts", token.serialize());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getJsonObject("counts").getInt("patient")).isEqualTo(2);
        assertThat(reply.json().getJsonObject("counts").getInt("task")).isEqualTo(3);
        assertThat(FhirStandIn.current().requests()).anySatisfy(r -> assertThat(r.path()).endsWith("/Patient"))
                .anySatisfy(r -> assertThat(String.valueOf(r.query())).contains("gender=female").contains("_summary=count"));
    }

    @Test
    void medplumDownAnswers503WithRetryAfter() {
        String token = TestIssuer.token().groups("panels-editor").serialize();
        String id = panelWithColumns(token);
        FhirStandIn.current().failing(true);

        Api.Reply reply = api().get("api/panels/" + id + "/rows", token);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.problemType()).isEqualTo("https://panels.dev/problems/upstream-unavailable");
        assertThat(reply.header("Retry-After")).matches("\\d+");
        assertThat(reply.body()).doesNotContain("Exception");
    }

    @Test
    void rowsOfAnotherOrganizationsPanelAreNotFound() {
        String id = panelWithColumns(TestIssuer.token().groups("panels-editor").serialize());

        Api.Reply reply = api().get("api/panels/" + id + "/rows", TestIssuer.token().groups("panels-admin").serialize());

        assertThat(reply.status()).isEqualTo(404);
    }

    @Test
    void badPagingAndFiltersAreValidationErrors() {
        String token = TestIssuer.token().groups("panels-editor").serialize();
        String id = panelWithColumns(token);

        Api.Reply reply = api().get("api/panels/" + id + "/rows?size=5000&filter=nope", token);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().getJsonObject("errors").keySet()).contains("size");
    }
}
