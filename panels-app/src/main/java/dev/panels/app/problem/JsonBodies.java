package dev.panels.app.problem;

import dev.panels.app.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;

/**
 * Request bodies are read here, not by the servers' JSON providers: RESTEasy on WildFly and on Liberty
 * disagree on what a body of the wrong JSON shape becomes (400, 500, or a non-problem response), so
 * resources take the text and every unreadable body gets the same 400 problem on both. Bodies are capped in
 * size ({@value #MAX_CHARS} characters, 413) and nesting ({@value #MAX_DEPTH} levels, 400) before any parser sees
 * them: the JSON-P parser's own depth limit ends in a bare RuntimeException.
 */
public final class JsonBodies {

    /** Panels, views and sharing lists are small; a larger body is a mistake or an attack. */
    public static final int MAX_CHARS = 256 * 1024;
    public static final int MAX_DEPTH = 32;

    private JsonBodies() {
    }

    public static JsonObject object(String body) {
        JsonValue value = read(body);
        if (!(value instanceof JsonObject object)) {
            throw InvalidInput.of("body", "must be a JSON object");
        }
        return object;
    }

    public static JsonArray array(String body) {
        JsonValue value = read(body);
        if (!(value instanceof JsonArray array)) {
            throw InvalidInput.of("body", "must be a JSON array");
        }
        return array;
    }

    private static JsonValue read(String body) {
        if (body == null || body.isBlank()) {
            throw InvalidInput.of("body", "a JSON body is required");
        }
        if (body.length() > MAX_CHARS) {
            throw tooLarge();
        }
        if (depth(body) > MAX_DEPTH) {
            throw InvalidInput.of("body", "is nested too deeply (more than " + MAX_DEPTH + " levels)");
        }
        try (var reader = Jsonp.createReader(new StringReader(body))) {
            return reader.readValue();
        } catch (JsonException e) {
            throw InvalidInput.of("body", "is not valid JSON");
        }
    }

    public static ProblemException tooLarge() {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than " + MAX_CHARS / 1024 + " KiB");
    }

    /** The deepest nesting of arrays and objects, strings skipped; stops counting once past the limit. */
    static int depth(String json) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < json.length() && deepest <= MAX_DEPTH; i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return deepest;
    }
}
