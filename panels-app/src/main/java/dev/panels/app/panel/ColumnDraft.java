package dev.panels.app.panel;

import dev.panels.app.problem.InvalidInput;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A column's editable fields. {@code expression} is FHIRPath over the row (checked for syntax by the
 * service with HAPI's engine); {@code searchParam}, when set, lets filters and sort on this column go
 * into the FHIR search instead of being applied to the fetched page.
 */
public record ColumnDraft(String key, String label, ColumnType type, RowType rowType, String expression,
                          String searchParam, int width, boolean hidden, boolean locked, List<String> options) {

    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    public static final int MAX_LABEL = 100;
    public static final int MAX_EXPRESSION = 1000;
    static final int MIN_WIDTH = 40;
    static final int MAX_WIDTH = 1000;
    static final int MAX_OPTIONS = 50;

    public ColumnDraft {
        options = List.copyOf(options);
    }

    public static ColumnDraft from(JsonObject body) {
        InvalidInput.body(body);
        InvalidInput errors = new InvalidInput();
        String key = PanelDraft.string(body, "key", errors);
        errors.check(key != null && KEY.matcher(key).matches(), "key",
                "must be 1-63 lower-case letters, digits or _ starting with a letter");
        String label = errors.text(PanelDraft.string(body, "label", errors), "label", MAX_LABEL);
        ColumnType type = errors.enumValue(ColumnType.class, PanelDraft.string(body, "type", errors), "type");
        RowType rowType = errors.enumValue(RowType.class, PanelDraft.string(body, "rowType", errors), "rowType");
        String expression = errors.text(PanelDraft.string(body, "expression", errors), "expression", MAX_EXPRESSION);
        String searchParam = errors.optionalText(PanelDraft.string(body, "searchParam", errors), "searchParam", 64);
        errors.check(searchParam == null || (CohortRule.PARAM.matcher(searchParam).matches()
                && !CohortRule.RESERVED.contains(searchParam)), "searchParam", "is not an allowed search parameter");
        int width = 150;
        JsonValue widthJson = body.get("width");
        if (widthJson instanceof JsonNumber n && n.isIntegral()) {
            width = n.intValue();
            errors.check(width >= MIN_WIDTH && width <= MAX_WIDTH, "width", "must be between " + MIN_WIDTH + " and " + MAX_WIDTH);
        } else if (widthJson != null && widthJson.getValueType() != JsonValue.ValueType.NULL) {
            errors.add("width", "must be an integer");
        }
        boolean hidden = bool(body, "hidden", errors);
        boolean locked = bool(body, "locked", errors);
        List<String> options = new ArrayList<>();
        JsonValue optionsJson = body.get("options");
        if (optionsJson instanceof JsonArray array) {
            errors.check(array.size() <= MAX_OPTIONS, "options", "at most " + MAX_OPTIONS + " options");
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) instanceof JsonString s && !s.getString().isBlank() && s.getString().length() <= MAX_LABEL) {
                    options.add(s.getString().strip());
                } else {
                    errors.add("options[" + i + "]", "must be a non-empty string of at most " + MAX_LABEL + " characters");
                }
            }
        } else if (optionsJson != null && optionsJson.getValueType() != JsonValue.ValueType.NULL) {
            errors.add("options", "must be an array of strings");
        }
        boolean choice = type == ColumnType.SELECT || type == ColumnType.MULTI_SELECT;
        errors.check(!choice || !options.isEmpty(), "options", "are required for select columns");
        errors.check(choice || options.isEmpty(), "options", "are allowed only on select columns");
        errors.throwIfAny();
        return new ColumnDraft(key, label, type, rowType, expression, searchParam, width, hidden, locked, options);
    }

    private static boolean bool(JsonObject body, String key, InvalidInput errors) {
        JsonValue value = body.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL || value == JsonValue.FALSE) {
            return false;
        }
        if (value == JsonValue.TRUE) {
            return true;
        }
        errors.add(key, "must be true or false");
        return false;
    }
}
