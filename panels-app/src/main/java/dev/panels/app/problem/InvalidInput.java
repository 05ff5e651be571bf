package dev.panels.app.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/** Collects field errors while checking a request, then fails once with all of them (400). */
public final class InvalidInput {

    private final Map<String, String> errors = new LinkedHashMap<>();

    public InvalidInput check(boolean ok, String field, String message) {
        if (!ok) {
            errors.putIfAbsent(field, message);
        }
        return this;
    }

    /** Required, trimmed, at most {@code max} characters. */
    public String text(String value, String field, int max) {
        String trimmed = value == null ? "" : value.strip();
        check(!trimmed.isEmpty(), field, "is required");
        check(trimmed.length() <= max, field, "must be at most " + max + " characters");
        return trimmed;
    }

    /** Optional, trimmed, at most {@code max} characters; empty becomes null. */
    public String optionalText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        check(trimmed.length() <= max, field, "must be at most " + max + " characters");
        return trimmed;
    }

    /** An optional query parameter: {@code fallback} when absent, else a whole number within [min, max]. */
    public int wholeNumber(String value, String field, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            check(n >= min && n <= max, field, "must be between " + min + " and " + max);
            return n;
        } catch (NumberFormatException e) {
            add(field, "must be a whole number between " + min + " and " + max);
            return fallback;
        }
    }

    public <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            check(false, field, "is required");
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.strip().replace('-', '_'))) {
                return constant;
            }
        }
        check(false, field, "must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList());
        return null;
    }

    public void add(String field, String message) {
        errors.putIfAbsent(field, message);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ProblemException(new Problem(ProblemType.VALIDATION, "The request has invalid fields", errors));
        }
    }

    /** A request body that must be present (JAX-RS hands over null for an empty body). */
    public static <T> T body(T body) {
        if (body == null) {
            throw of("body", "a JSON body is required");
        }
        return body;
    }

    /** Fails at once for a single field. */
    public static ProblemException of(String field, String message) {
        return new ProblemException(new Problem(ProblemType.VALIDATION, "The request has invalid fields", Map.of(field, message)));
    }
}
