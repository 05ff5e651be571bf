package dev.panels.app.signin;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReturnToTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/#/panels", "/#/panels/12?view=3", "/index.html#/sessions", "/#/a%20b"})
    void pathsInsideTheAppAreKept(String path) {
        assertThat(ReturnTo.sanitize(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil.example", "evil.example",
            "javascript:alert(1)", "/%2e%2e/other-app", "/../other-app", "/a/./b", "/%2F%2Fevil.example",
            " /", "/\tx", "/\nLocation: x", "/é", "", "http:/evil.example"})
    void anythingElseFallsBackToHome(String path) {
        assertThat(ReturnTo.isSafe(path)).isFalse();
        assertThat(ReturnTo.sanitize(path)).isEqualTo(ReturnTo.HOME);
    }

    @org.junit.jupiter.api.Test
    void nullAndOverlongFallBackToHome() {
        assertThat(ReturnTo.sanitize(null)).isEqualTo("/");
        assertThat(ReturnTo.sanitize("/" + "a".repeat(2000))).isEqualTo("/");
    }
}
