package dev.panels.app.panel;

import dev.panels.app.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PanelDraftTest {

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    void acceptsAValidPanelAndTrimsText() {
        PanelDraft draft = PanelDraft.from(json("""
                {"name": "  Follow-up  ", "dataSources": ["patient", "TASK"],
                 "cohortRule": {"task": {"status": "requested", "code:text": "visit"}}}"""));

        assertThat(draft.name()).isEqualTo("Follow-up");
        assertThat(draft.description()).isNull();
        assertThat(draft.dataSources()).containsExactlyInAnyOrder(RowType.PATIENT, RowType.TASK);
        assertThat(draft.cohortRule().criteriaFor(RowType.TASK)).containsEntry("code:text", "visit");
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> PanelDraft.from(json("""
                {"name": 42, "description": "%s", "dataSources": ["observation"],
                 "cohortRule": {"patient": {"_sort": "name", "bad name": "x", "gender": ""}, "encounter": {}}}"""
                .formatted("x".repeat(2001)))));

        assertThat(e.problem().errors()).containsKeys("name", "description", "dataSources[0]",
                "cohortRule.patient._sort", "cohortRule.patient.bad name", "cohortRule.patient.gender", "cohortRule.encounter");
    }

    @Test
    void cohortRuleMayOnlyNameTheDataSources() {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> PanelDraft.from(json("""
                {"name": "P", "dataSources": ["patient"], "cohortRule": {"task": {"status": "ready"}}}""")));

        assertThat(e.problem().errors()).containsOnlyKeys("cohortRule.task");
    }

    @Test
    void missingDataSourcesAreRefused() {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> PanelDraft.from(json("{\"name\": \"P\", \"dataSources\": []}")));

        assertThat(e.problem().errors()).containsKey("dataSources");
    }

    @Test
    void cohortRuleRoundTripsThroughItsStoredForm() {
        PanelDraft draft = PanelDraft.from(json("""
                {"name": "P", "dataSources": ["appointment"], "cohortRule": {"appointment": {"date": "ge2025-01-01"}}}"""));

        CohortRule stored = CohortRule.fromStored(draft.cohortRule().toJson().toString());

        assertThat(stored.criteriaFor(RowType.APPOINTMENT)).containsExactlyEntriesOf(draft.cohortRule().criteriaFor(RowType.APPOINTMENT));
    }
}
