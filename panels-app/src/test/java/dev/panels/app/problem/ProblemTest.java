package dev.panels.app.problem;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTest {

    @Test
    void rendersRfc9457WithFieldErrors() {
        JsonObject json = read(new Problem(ProblemType.VALIDATION, "bad", Map.of("name", "is required")).toJson());

        assertThat(json.getString("type")).isEqualTo("https://panels.dev/problems/validation");
        assertThat(json.getString("title")).isEqualTo("Invalid request");
        assertThat(json.getInt("status")).isEqualTo(400);
        assertThat(json.getString("detail")).isEqualTo("bad");
        assertThat(json.getJsonObject("errors").getString("name")).isEqualTo("is required");
    }

    @Test
    void everyCategoryHasItsOwnStableUri() {
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::uri).distinct()).hasSize(ProblemType.values().length);
        assertThat(ProblemType.UPSTREAM_UNAVAILABLE.uri()).isEqualTo("https://panels.dev/problems/upstream-unavailable");
        assertThat(ProblemType.UPSTREAM_UNAVAILABLE.status()).isEqualTo(503);
        assertThat(ProblemType.SESSION.status()).isEqualTo(401);
    }

    @Test
    void invalidInputCollectsAllFieldsBeforeFailing() {
        InvalidInput errors = new InvalidInput();
        errors.text("  ", "name", 10);
        errors.text("x".repeat(11), "label", 10);
        errors.enumValue(ProblemType.class, "nope", "kind");

        ProblemException e = org.assertj.core.api.Assertions.catchThrowableOfType(ProblemException.class, errors::throwIfAny);

        assertThat(e.problem().errors()).containsOnlyKeys("name", "label", "kind");
        assertThat(e.getStackTrace()).as("expected failures carry no stack trace").isEmpty();
    }

    private static JsonObject read(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
