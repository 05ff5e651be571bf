package dev.panels.emulator.stytch;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Stytch search queries ({@code {"operator":"AND|OR","operands":[{"filter_name":..,"filter_value":..}]}}) and
 * cursor paging. Each resource supplies its filters; an unknown filter name is a 400, as at Stytch.
 */
final class Search<T> {

    private final String errorPrefix;
    private final Map<String, BiPredicate<T, JsonNode>> filters = new LinkedHashMap<>();

    Search(String errorPrefix) {
        this.errorPrefix = errorPrefix;
    }

    Search<T> filter(String name, BiPredicate<T, JsonNode> test) {
        filters.put(name, test);
        return this;
    }

    Predicate<T> parse(JsonNode query) {
        if (query == null || query.isNull()) {
            return t -> true;
        }
        String operator = query.path("operator").asText("");
        if (!operator.equals("AND") && !operator.equals("OR")) {
            throw StytchError.badRequest("bad_request", "query.operator must be AND or OR.");
        }
        List<Predicate<T>> parts = new ArrayList<>();
        for (JsonNode operand : query.path("operands")) {
            JsonNode name = operand.get("filter_name");
            if (name == null || !name.isTextual()) {
                throw StytchError.badRequest(errorPrefix + "_search_filter_name_must_be_string",
                        "filter_name must be a string.");
            }
            BiPredicate<T, JsonNode> test = filters.get(name.asText());
            if (test == null) {
                throw StytchError.badRequest(errorPrefix + "_search_filter_name_not_recognized",
                        "filter_name '" + name.asText() + "' is not recognized.");
            }
            JsonNode value = operand.get("filter_value");
            if (value == null || value.isNull()) {
                throw StytchError.badRequest(errorPrefix + "_search_missing_filter_value",
                        "filter_value is required for " + name.asText() + ".");
            }
            parts.add(t -> test.test(t, value));
        }
        if (parts.isEmpty()) {
            return t -> true;
        }
        return operator.equals("AND")
                ? t -> parts.stream().allMatch(p -> p.test(t))
                : t -> parts.stream().anyMatch(p -> p.test(t));
    }

    /** True when {@code value} (a string array) contains {@code candidate}, ignoring case. */
    static boolean inList(JsonNode value, String candidate) {
        if (!value.isArray()) {
            throw StytchError.badRequest("bad_request", "filter_value must be an array of strings.");
        }
        for (JsonNode v : value) {
            if (v.asText().equalsIgnoreCase(candidate)) {
                return true;
            }
        }
        return false;
    }

    static boolean fuzzy(JsonNode value, String candidate) {
        return candidate.toLowerCase(Locale.ROOT).contains(value.asText().toLowerCase(Locale.ROOT));
    }

    /** One page and the cursor to the next (null at the end). */
    record Page<T>(List<T> items, int total, String nextCursor) {
    }

    static <T> Page<T> page(List<T> all, String cursor, Integer limit) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 1000) {
            throw StytchError.badRequest("bad_request", "limit must be between 1 and 1000.");
        }
        int from = 0;
        if (cursor != null && !cursor.isBlank()) {
            try {
                from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw StytchError.badRequest("bad_request", "cursor is not valid.");
            }
        }
        int to = Math.min(all.size(), from + size);
        String next = to < all.size()
                ? Base64.getUrlEncoder().encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(from >= all.size() ? List.of() : all.subList(from, to), all.size(), next);
    }

    static Map<String, Object> metadata(Page<?> page) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", page.total());
        m.put("next_cursor", page.nextCursor());
        return m;
    }
}
