package dev.panels.app.panel;

import dev.panels.app.problem.InvalidInput;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.EnumSet;
import java.util.Set;

/** A panel's editable fields, checked as a whole: every problem is reported at once as a field error. */
public record PanelDraft(String name, String description, Set<RowType> dataSources, CohortRule cohortRule) {

    public static PanelDraft from(JsonObject body) {
        InvalidInput.body(body);
        InvalidInput errors = new InvalidInput();
        String name = errors.text(string(body, "name", errors), "name", Panel.MAX_NAME);
        String description = errors.optionalText(string(body, "description", errors), "description", Panel.MAX_DESCRIPTION);
        Set<RowType> sources = EnumSet.noneOf(RowType.class);
        JsonValue sourcesJson = body.get("dataSources");
        if (sourcesJson instanceof JsonArray array && !array.isEmpty()) {
            for (int i = 0; i < array.size(); i++) {
                String value = array.get(i) instanceof JsonString s ? s.getString() : null;
                RowType type = errors.enumValue(RowType.class, value, "dataSources[" + i + "]");
                if (type != null) {
                    sources.add(type);
                }
            }
        } else {
            errors.add("dataSources", "must list at least one of patient, task, appointment");
        }
        CohortRule rule = CohortRule.parse(body.get("cohortRule"), "cohortRule", errors);
        for (RowType type : rule.types()) {
            errors.check(sources.contains(type), "cohortRule." + type.key(), "is not a data source of this panel");
        }
        errors.throwIfAny();
        return new PanelDraft(name, description, Set.copyOf(sources), rule);
    }

    static String string(JsonObject body, String key, InvalidInput errors) {
        JsonValue value = body.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        errors.add(key, "must be a string");
        return null;
    }
}
