package dev.panels.app.worklist;

import dev.panels.app.panel.CohortRule;
import dev.panels.app.panel.ColumnType;
import dev.panels.app.panel.RowType;
import dev.panels.app.panel.ViewDefinition;
import dev.panels.app.panel.ViewDefinition.Direction;
import dev.panels.app.panel.ViewDefinition.Filter;
import dev.panels.app.panel.ViewDefinition.Operator;
import dev.panels.app.panel.WorklistPlan;
import dev.panels.app.problem.InvalidInput;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FhirQueryTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 4);

    static WorklistPlan plan(RowType type, String rule) {
        CohortRule cohort;
        try (var reader = Json.createReader(new StringReader(rule))) {
            InvalidInput errors = new InvalidInput();
            cohort = CohortRule.parse(reader.readValue(), "cohortRule", errors);
            errors.throwIfAny();
        }
        return new WorklistPlan("p1", type, cohort, List.of(
                new WorklistPlan.ColumnSpec("family", "Family", ColumnType.TEXT, "Patient.name.family", "family", true),
                new WorklistPlan.ColumnSpec("born", "Born", ColumnType.DATE, "Patient.birthDate", "birthdate", true),
                new WorklistPlan.ColumnSpec("age", "Age", ColumnType.NUMBER, "%today - Patient.birthDate", null, true)),
                new ViewDefinition(List.of(), List.of(), null));
    }

    @Test
    void cohortFiltersSortAndPagingGoIntoTheSearch() {
        WorklistPlan plan = plan(RowType.PATIENT, "{\"patient\": {\"address-state\": \"MA\"}}");

        FhirQuery query = FhirQuery.build(plan, List.of(
                        new Filter("family", Operator.CONTAINS, "smi th"),
                        new Filter("born", Operator.DATE_RANGE, "@last_month")),
                new ViewDefinition.Sort("born", Direction.DESC), 2, 25, TODAY);

        assertThat(query.url()).isEqualTo("Patient?address-state=MA&family:contains=smi+th&birthdate=ge2026-02-01"
                + "&birthdate=le2026-02-28&_sort=-birthdate&_count=25&_offset=50&_revinclude=Task%3Apatient");
        assertThat(query.pageFilters()).isEmpty();
        assertThat(query.pageSort()).isNull();
    }

    @Test
    void whatTheSearchCannotExpressIsLeftForThePage() {
        WorklistPlan plan = plan(RowType.PATIENT, "{}");
        Filter onCalculated = new Filter("age", Operator.EQUALS, "42");

        FhirQuery query = FhirQuery.build(plan, List.of(onCalculated), new ViewDefinition.Sort("age", Direction.ASC), 0, 10, TODAY);

        assertThat(query.url()).isEqualTo("Patient?_count=10&_offset=0&_revinclude=Task%3Apatient");
        assertThat(query.pageFilters()).containsExactly(onCalculated);
        assertThat(query.pageSort()).isEqualTo(new ViewDefinition.Sort("age", Direction.ASC));
    }

    @Test
    void countsAskOnlyForTheTotal() {
        assertThat(FhirQuery.count(RowType.TASK, java.util.Map.of("status", "in-progress")))
                .isEqualTo("Task?status=in-progress&_summary=count");
    }

    @Test
    void myTasksAddsTheOwnerToTheCohortsCriteria() {
        assertThat(FhirQuery.build(plan(RowType.TASK, "{\"task\": {\"status\": \"requested\"}}"),
                java.util.Map.of("owner", "Practitioner/p-1"), List.of(), null, 0, 5, TODAY).url())
                .startsWith("Task?status=requested&owner=Practitioner%2Fp-1&_count=5");
    }

    @Test
    void eachRowTypeIncludesWhatItsRowsShow() {
        assertThat(FhirQuery.build(plan(RowType.TASK, "{\"task\": {\"status\": \"requested\"}}"), List.of(), null, 0, 5, TODAY).url())
                .isEqualTo("Task?status=requested&_count=5&_offset=0&_include=Task%3Apatient&_include=Task%3Aowner");
        assertThat(FhirQuery.build(plan(RowType.APPOINTMENT, "{}"), List.of(), null, 0, 5, TODAY).url())
                .endsWith("_include=Appointment%3Apatient&_include=Appointment%3Alocation");
    }
}
