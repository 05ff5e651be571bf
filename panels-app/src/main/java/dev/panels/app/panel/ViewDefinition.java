package dev.panels.app.panel;

import dev.panels.app.problem.InvalidInput;
import dev.panels.app.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a saved view shows: visible columns in order, filters (added to the panel's cohort rule) and
 * one sort. Stored as JSON text so both JPA providers keep it the same way.
 */
public record ViewDefinition(List<String> columns, List<Filter> filters, Sort sort) {

    static final int MAX_FILTERS = 20;
    static final int MAX_FILTER_VALUE = 200;

    public enum Operator { CONTAINS, EQUALS, DATE_RANGE }

    public enum Direction { ASC, DESC }

    public record Filter(String column, Operator operator, String value) {
    }

    public record Sort(String column, Direction direction) {
    }

    public ViewDefinition {
        columns = List.copyOf(columns);
        filters = List.copyOf(filters);
    }

    /**
     * Checks a definition against the panel's column keys; problems become field errors.
     * {@code today} lets date filters be checked the way they will be evaluated.
     */
    public static ViewDefinition parse(JsonValue json, Set<String> knownColumns, InvalidInput errors) {
        JsonObject obj = json instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        if (json != null && !(json instanceof JsonObject) && json.getValueType() != JsonValue.ValueType.NULL) {
            errors.add("definition", "must be an object");
        }
        Set<String> cols = new LinkedHashSet<>();
        JsonValue columnsJson = obj.get("columns");
        if (columnsJson instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                String field = "definition.columns[" + i + "]";
                if (!(array.get(i) instanceof JsonString s) || !knownColumns.contains(s.getString())) {
                    errors.add(field, "is not a column of this panel");
                } else if (!cols.add(s.getString())) {
                    errors.add(field, "is listed twice");
                }
            }
        } else if (columnsJson != null) {
            errors.add("definition.columns", "must be an array of column keys");
        }
        List<Filter> filters = new ArrayList<>();
        JsonValue filtersJson = obj.get("filters");
        if (filtersJson instanceof JsonArray array) {
            errors.check(array.size() <= MAX_FILTERS, "definition.filters", "at most " + MAX_FILTERS + " filters");
            for (int i = 0; i < array.size(); i++) {
                Filter filter = filter(array.get(i), "definition.filters[" + i + "]", knownColumns, errors);
                if (filter != null) {
                    filters.add(filter);
                }
            }
        } else if (filtersJson != null) {
            errors.add("definition.filters", "must be an array");
        }
        Sort sort = null;
        if (obj.get("sort") instanceof JsonObject s) {
            String column = s.getString("column", null);
            errors.check(column != null && knownColumns.contains(column), "definition.sort.column", "is not a column of this panel");
            Direction direction = errors.enumValue(Direction.class, s.getString("direction", "asc"), "definition.sort.direction");
            sort = new Sort(column, direction);
        } else if (obj.containsKey("sort") && obj.get("sort").getValueType() != JsonValue.ValueType.NULL) {
            errors.add("definition.sort", "must be an object with column and direction");
        }
        return new ViewDefinition(List.copyOf(cols), filters, sort);
    }

    static Filter filter(JsonValue json, String field, Set<String> knownColumns, InvalidInput errors) {
        if (!(json instanceof JsonObject f)) {
            errors.add(field, "must be an object with column, operator and value");
            return null;
        }
        String column = f.getString("column", null);
        errors.check(column != null && knownColumns.contains(column), field + ".column", "is not a column of this panel");
        Operator operator = errors.enumValue(Operator.class, f.getString("operator", null), field + ".operator");
        String value = f.getString("value", "");
        errors.check(!value.isBlank() && value.length() <= MAX_FILTER_VALUE, field + ".value",
                "must be non-empty, at most " + MAX_FILTER_VALUE + " characters");
        if (operator == Operator.DATE_RANGE && DateRange.parse(value, LocalDate.now()).isEmpty()) {
            errors.add(field + ".value", "must be from#to with ISO dates or @today, @this_week, @last_month, …");
        }
        return new Filter(column, operator, value);
    }

    public static ViewDefinition fromStored(String json) {
        try (var reader = Jsonp.createReader(new StringReader(json))) {
            JsonObject obj = reader.readObject();
            Set<String> any = new java.util.AbstractSet<>() {
                @Override public boolean contains(Object o) { return true; }
                @Override public java.util.Iterator<String> iterator() { return java.util.Collections.emptyIterator(); }
                @Override public int size() { return 0; }
            };
            InvalidInput errors = new InvalidInput();
            ViewDefinition definition = parse(obj, any, errors);
            errors.throwIfAny();
            return definition;
        }
    }

    public JsonObject toJson() {
        JsonArrayBuilder cols = Jsonp.createArrayBuilder();
        columns.forEach(cols::add);
        JsonArrayBuilder fs = Jsonp.createArrayBuilder();
        for (Filter f : filters) {
            fs.add(Jsonp.createObjectBuilder().add("column", f.column())
                    .add("operator", f.operator().name().toLowerCase(Locale.ROOT)).add("value", f.value()));
        }
        JsonObjectBuilder root = Jsonp.createObjectBuilder().add("columns", cols).add("filters", fs);
        if (sort != null) {
            root.add("sort", Jsonp.createObjectBuilder().add("column", sort.column())
                    .add("direction", sort.direction().name().toLowerCase(Locale.ROOT)));
        }
        return root.build();
    }
}
