package dev.panels.app.worklist;

import dev.panels.app.panel.DateRange;
import dev.panels.app.panel.ViewDefinition.Direction;
import dev.panels.app.panel.ViewDefinition.Filter;
import dev.panels.app.panel.ViewDefinition.Operator;
import dev.panels.app.panel.ViewDefinition.Sort;
import dev.panels.app.panel.WorklistPlan;
import dev.panels.app.problem.InvalidInput;
import dev.panels.app.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.hl7.fhir.r4.model.Task;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Query-string filters and sort of a rows request, and what the app applies to a fetched page itself. */
final class RowRequest {

    private RowRequest() {
    }

    /** {@code filter=column:operator:value}, repeatable; added to the view's filters. */
    static List<Filter> filters(List<String> params, WorklistPlan plan) {
        InvalidInput errors = new InvalidInput();
        List<Filter> filters = new ArrayList<>();
        for (int i = 0; params != null && i < params.size(); i++) {
            String field = "filter[" + i + "]";
            String[] parts = params.get(i).split(":", 3);
            if (parts.length != 3) {
                errors.add(field, "must be column:operator:value");
                continue;
            }
            errors.check(plan.column(parts[0]).isPresent(), field, "names no column of this view");
            Operator operator = errors.enumValue(Operator.class, parts[1], field + ".operator");
            errors.check(!parts[2].isBlank() && parts[2].length() <= 200, field + ".value", "must be 1-200 characters");
            if (operator == Operator.DATE_RANGE && DateRange.parse(parts[2], LocalDate.now()).isEmpty()) {
                errors.add(field + ".value", "must be from#to with ISO dates or @today, @this_week, @last_month, …");
            }
            filters.add(new Filter(parts[0], operator, parts[2]));
        }
        errors.throwIfAny();
        return filters;
    }

    /** {@code sort=column:asc|desc}; replaces the view's sort. */
    static Sort sort(String param, WorklistPlan plan) {
        InvalidInput errors = new InvalidInput();
        String[] parts = param.split(":", 2);
        errors.check(plan.column(parts[0]).isPresent(), "sort", "names no column of this view");
        Direction direction = errors.enumValue(Direction.class, parts.length == 2 ? parts[1] : "asc", "sort.direction");
        errors.throwIfAny();
        return new Sort(parts[0], direction);
    }

    static JsonObject compute(ColumnEvaluator evaluator, Row row, WorklistPlan plan) {
        JsonObjectBuilder values = Jsonp.createObjectBuilder();
        JsonObjectBuilder cellErrors = Jsonp.createObjectBuilder();
        boolean failed = false;
        for (WorklistPlan.ColumnSpec column : plan.columns()) {
            ColumnEvaluator.Cell cell = evaluator.evaluate(row, column);
            values.add(column.key(), cell.value());
            if (cell.error() != null) {
                cellErrors.add(column.key(), cell.error());
                failed = true;
            }
        }
        JsonObjectBuilder json = Jsonp.createObjectBuilder()
                .add("id", row.primary().getIdElement().getIdPart())
                .add("resourceType", row.primary().fhirType())
                .add("values", values);
        if (failed) {
            json.add("errors", cellErrors);
        }
        if (row.primary() instanceof Task task && RowAssembler.reference(task.getOwner()) != null) {
            json.add("assignedTo", Jsonp.createObjectBuilder().add("reference", RowAssembler.reference(task.getOwner()))
                    .add("name", TaskDetail.ownerName(task, row.ofType("Practitioner").stream().findFirst().orElse(null))));
        }
        return json.build();
    }

    /** Drops the values of columns computed only for filtering or sorting. */
    static JsonObject withoutHiddenColumns(JsonObject row, WorklistPlan plan) {
        JsonObjectBuilder values = Jsonp.createObjectBuilder();
        JsonObject computed = row.getJsonObject("values");
        plan.columns().stream().filter(WorklistPlan.ColumnSpec::shown).forEach(c -> values.add(c.key(), computed.get(c.key())));
        return Jsonp.createObjectBuilder(row).add("values", values).build();
    }

    static List<JsonObject> applyOnPage(List<JsonObject> rows, List<Filter> filters, Sort sort, WorklistPlan plan, LocalDate today) {
        List<JsonObject> kept = rows.stream().filter(r -> filters.stream().allMatch(f -> matches(r, f, today))).toList();
        if (sort == null) {
            return kept;
        }
        Comparator<JsonObject> order = Comparator.comparing(r -> text(r.getJsonObject("values").get(sort.column())),
                Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER));
        return kept.stream().sorted(sort.direction() == Direction.DESC ? order.reversed() : order).toList();
    }

    static boolean matches(JsonObject row, Filter filter, LocalDate today) {
        JsonValue value = row.getJsonObject("values").get(filter.column());
        List<String> texts = new ArrayList<>();
        if (value instanceof jakarta.json.JsonArray array) {
            array.forEach(v -> texts.add(text(v)));
        } else {
            texts.add(text(value));
        }
        String wanted = filter.value().toLowerCase(Locale.ROOT);
        return texts.stream().filter(t -> t != null).anyMatch(t -> switch (filter.operator()) {
            case CONTAINS -> t.toLowerCase(Locale.ROOT).contains(wanted);
            case EQUALS -> t.equalsIgnoreCase(filter.value());
            case DATE_RANGE -> DateRange.parse(filter.value(), today).map(range -> inRange(t, range)).orElse(false);
        });
    }

    private static boolean inRange(String text, DateRange range) {
        try {
            return text.length() >= 10 && range.contains(LocalDate.parse(text.substring(0, 10)));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static String text(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }
}
