package dev.panels.app.problem;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;

/**
 * Request bodies are read here, not by the servers' JSON providers: RESTEasy on WildFly and on Liberty
 * disagree on what a body of the wrong JSON shape becomes (400, 500, or a non-problem response), so
 * resources take the text and every unreadable body gets the same 400 problem on both.
 */
public final class JsonBodies {

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
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readValue();
        } catch (JsonException e) {
            throw InvalidInput.of("body", "is not valid JSON");
        }
    }
}
