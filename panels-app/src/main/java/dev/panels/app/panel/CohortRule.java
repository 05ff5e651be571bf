package dev.panels.app.panel;

import dev.panels.app.problem.InvalidInput;
import dev.panels.app.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which resources belong to a panel: per row type, FHIR search parameters added to every search
 * (e.g. {@code {"patient": {"address-state": "MA"}, "task": {"status": "requested"}}}). Only plain
 * search parameters are accepted: paging, sorting, includes and output shaping stay with the app.
 */
public final class CohortRule {

    static final Pattern PARAM = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]{0,63}");
    static final Set<String> RESERVED = Set.of("_count", "_offset", "_sort", "_include", "_revinclude",
            "_summary", "_elements", "_format", "_pretty", "_total", "_contained", "_containedType");
    static final int MAX_VALUE = 200;
    static final int MAX_PARAMS = 20;

    private final Map<RowType, Map<String, String>> criteria;

    private CohortRule(Map<RowType, Map<String, String>> criteria) {
        this.criteria = criteria;
    }

    public static CohortRule empty() {
        return new CohortRule(new EnumMap<>(RowType.class));
    }

    /** Parses and checks a rule from the API or the database; problems become field errors under {@code field}. */
    public static CohortRule parse(JsonValue json, String field, InvalidInput errors) {
        Map<RowType, Map<String, String>> criteria = new EnumMap<>(RowType.class);
        if (json == null || json.getValueType() == JsonValue.ValueType.NULL) {
            return new CohortRule(criteria);
        }
        if (json.getValueType() != JsonValue.ValueType.OBJECT) {
            errors.add(field, "must be an object keyed by row type");
            return new CohortRule(criteria);
        }
        for (Map.Entry<String, JsonValue> byType : json.asJsonObject().entrySet()) {
            String typeField = field + "." + byType.getKey();
            RowType type = errors.enumValue(RowType.class, byType.getKey(), typeField);
            if (type == null) {
                continue;
            }
            if (byType.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
                errors.add(typeField, "must be an object of search parameters");
                continue;
            }
            JsonObject params = byType.getValue().asJsonObject();
            errors.check(params.size() <= MAX_PARAMS, typeField, "at most " + MAX_PARAMS + " parameters");
            Map<String, String> checked = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> param : params.entrySet()) {
                String name = param.getKey();
                String paramField = typeField + "." + name;
                if (!PARAM.matcher(name).matches() || RESERVED.contains(name)) {
                    errors.add(paramField, "is not an allowed search parameter");
                    continue;
                }
                if (!(param.getValue() instanceof JsonString value) || value.getString().isBlank()
                        || value.getString().length() > MAX_VALUE) {
                    errors.add(paramField, "must be a non-empty string of at most " + MAX_VALUE + " characters");
                    continue;
                }
                checked.put(name, value.getString());
            }
            criteria.put(type, Collections.unmodifiableMap(checked));
        }
        return new CohortRule(criteria);
    }

    /** Reads a rule the app itself stored; it was checked on the way in. */
    public static CohortRule fromStored(String json) {
        try (var reader = Jsonp.createReader(new StringReader(json == null || json.isBlank() ? "{}" : json))) {
            InvalidInput errors = new InvalidInput();
            CohortRule rule = parse(reader.readValue(), "cohortRule", errors);
            errors.throwIfAny();
            return rule;
        } catch (JsonException e) {
            throw new IllegalStateException("Stored cohort rule is not JSON", e);
        }
    }

    public Map<String, String> criteriaFor(RowType type) {
        return criteria.getOrDefault(type, Map.of());
    }

    public Set<RowType> types() {
        return criteria.keySet();
    }

    public JsonObject toJson() {
        JsonObjectBuilder root = Jsonp.createObjectBuilder();
        criteria.forEach((type, params) -> {
            JsonObjectBuilder p = Jsonp.createObjectBuilder();
            params.forEach(p::add);
            root.add(type.key(), p);
        });
        return root.build();
    }
}
