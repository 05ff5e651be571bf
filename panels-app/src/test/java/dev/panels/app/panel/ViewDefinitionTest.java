package dev.panels.app.panel;

import dev.panels.app.problem.InvalidInput;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ViewDefinitionTest {

    @Test
    void parsesColumnsFiltersAndSortAndStoresThemLosslessly() {
        InvalidInput errors = new InvalidInput();
        ViewDefinition view = ViewDefinition.parse(PanelDraftTest.json("""
                {"columns": ["b", "a"], "filters": [{"column": "a", "operator": "date_range", "value": "@this_week"},
                 {"column": "b", "operator": "contains", "value": "smi"}], "sort": {"column": "b", "direction": "DESC"}}"""),
                Set.of("a", "b"), errors);

        assertThat(errors.ok()).isTrue();
        assertThat(view.columns()).containsExactly("b", "a");
        assertThat(view.sort()).isEqualTo(new ViewDefinition.Sort("b", ViewDefinition.Direction.DESC));
        assertThat(ViewDefinition.fromStored(view.toJson().toString())).isEqualTo(view);
    }

    @Test
    void unknownColumnsDuplicatesAndBadOperatorsAreFieldErrors() {
        InvalidInput errors = new InvalidInput();
        ViewDefinition.parse(PanelDraftTest.json("""
                {"columns": ["a", "a", "zzz"], "filters": [{"column": "a", "operator": "like", "value": "x"}, 7],
                 "sort": {"column": "nope"}}"""), Set.of("a"), errors);

        assertThat(errors.ok()).isFalse();
        assertThat(catchErrors(errors)).containsKeys("definition.columns[1]", "definition.columns[2]",
                "definition.filters[0].operator", "definition.filters[1]", "definition.sort.column");
    }

    static java.util.Map<String, String> catchErrors(InvalidInput errors) {
        try {
            errors.throwIfAny();
            return java.util.Map.of();
        } catch (dev.panels.app.problem.ProblemException e) {
            return e.problem().errors();
        }
    }
}
