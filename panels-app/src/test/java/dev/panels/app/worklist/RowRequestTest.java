package dev.panels.app.worklist;

import dev.panels.app.panel.ViewDefinition.Direction;
import dev.panels.app.panel.ViewDefinition.Filter;
import dev.panels.app.panel.ViewDefinition.Operator;
import dev.panels.app.panel.ViewDefinition.Sort;
import dev.panels.app.panel.RowType;
import dev.panels.app.panel.WorklistPlan;
import dev.panels.app.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Query-string filters and sort, and what is applied to a fetched page. */
class RowRequestTest {

    static final WorklistPlan PLAN = FhirQueryTest.plan(RowType.PATIENT, "{}");
    static final LocalDate TODAY = LocalDate.of(2026, 3, 4);

    static JsonObject row(String id, String family, String born, long age) {
        return Json.createObjectBuilder().add("id", id).add("values", Json.createObjectBuilder()
                .add("family", family).add("born", born).add("age", age)).build();
    }

    static final List<JsonObject> PAGE = List.of(
            row("a", "Lovelace", "1990-05-17", 35), row("b", "Hopper", "2026-03-03", 0), row("c", "lovell", "1980-01-01", 46));

    @Test
    void parsesFiltersAndSortAgainstThePlansColumns() {
        List<Filter> filters = RowRequest.filters(List.of("family:contains:Lov", "born:date_range:@this_week"), PLAN);

        assertThat(filters).containsExactly(new Filter("family", Operator.CONTAINS, "Lov"),
                new Filter("born", Operator.DATE_RANGE, "@this_week"));
        assertThat(RowRequest.sort("age:desc", PLAN)).isEqualTo(new Sort("age", Direction.DESC));
        assertThat(RowRequest.filters(List.of("family:equals:a:b"), PLAN)).extracting(Filter::value).containsExactly("a:b");
    }

    @Test
    void badFiltersAreFieldErrors() {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> RowRequest.filters(
                List.of("nope:contains:x", "family:like:x", "born:date_range:soon", "family"), PLAN));

        assertThat(e.problem().errors()).containsKeys("filter[0]", "filter[1].operator", "filter[2].value", "filter[3]");
        assertThat(catchThrowableOfType(ProblemException.class, () -> RowRequest.sort("age:sideways", PLAN)).problem().errors())
                .containsKey("sort.direction");
    }

    @Test
    void pageFiltersAreCaseInsensitiveAndDateAware() {
        assertThat(RowRequest.applyOnPage(PAGE, List.of(new Filter("family", Operator.CONTAINS, "LOV")), null, PLAN, TODAY))
                .extracting(r -> r.getString("id")).containsExactly("a", "c");
        assertThat(RowRequest.applyOnPage(PAGE, List.of(new Filter("born", Operator.DATE_RANGE, "@this_week")), null, PLAN, TODAY))
                .extracting(r -> r.getString("id")).containsExactly("b");
        assertThat(RowRequest.applyOnPage(PAGE, List.of(new Filter("age", Operator.EQUALS, "46")), null, PLAN, TODAY))
                .extracting(r -> r.getString("id")).containsExactly("c");
    }

    @Test
    void pageSortIsCaseInsensitive() {
        assertThat(RowRequest.applyOnPage(PAGE, List.of(), new Sort("family", Direction.DESC), PLAN, TODAY))
                .extracting(r -> r.getString("id")).containsExactly("c", "a", "b");
    }
}
