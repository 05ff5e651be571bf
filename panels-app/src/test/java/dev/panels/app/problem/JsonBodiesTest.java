package dev.panels.app.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonBodiesTest {

    @Test
    void aBodyNestedThousandsOfLevelsDeepIsAValidationProblemNotAServerError() {
        String deep = "[".repeat(5000) + "]".repeat(5000);

        assertThatThrownBy(() -> JsonBodies.array(deep)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().type()).isEqualTo(ProblemType.VALIDATION))
                .satisfies(e -> assertThat(((ProblemException) e).problem().errors().get("body")).contains("nested too deeply"));
    }

    @Test
    void nestingIsCountedOutsideStringsOnly() {
        assertThat(JsonBodies.depth("{\"a\": [1, {\"b\": \"[[[[{{{{\"}]}")).isEqualTo(3);
        assertThat(JsonBodies.depth("{\"a\": \"\\\"[[[\"}")).isEqualTo(1);
        String limit = "[".repeat(JsonBodies.MAX_DEPTH) + "]".repeat(JsonBodies.MAX_DEPTH);
        assertThat(JsonBodies.array(limit)).isNotNull();
    }

    @Test
    void anOversizedBodyIs413() {
        String big = "{\"name\": \"" + "x".repeat(JsonBodies.MAX_CHARS) + "\"}";

        assertThatThrownBy(() -> JsonBodies.object(big)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().type().status()).isEqualTo(413));
    }
}
