package dev.panels.app.signin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsrfTest {

    private static final String APP = "http://localhost:18540";

    @Test
    void sameOriginWithTheHeaderPasses() {
        assertThat(Csrf.check("1", APP, "same-origin", APP)).isNull();
        assertThat(Csrf.check("1", APP, null, APP)).as("older browsers send no Sec-Fetch-Site").isNull();
    }

    @Test
    void missingHeaderIsRefused() {
        assertThat(Csrf.check(null, APP, "same-origin", APP)).contains("X-Panels-CSRF");
        assertThat(Csrf.check("0", APP, "same-origin", APP)).contains("X-Panels-CSRF");
    }

    @Test
    void missingOrForeignOriginIsRefused() {
        assertThat(Csrf.check("1", null, "same-origin", APP)).contains("Origin");
        assertThat(Csrf.check("1", "null", "same-origin", APP)).contains("cross-origin");
        assertThat(Csrf.check("1", "http://localhost:18541", "same-origin", APP)).contains("cross-origin");
        assertThat(Csrf.check("1", "https://localhost:18540", "same-origin", APP)).contains("cross-origin");
        assertThat(Csrf.check("1", "http://evil.example", "cross-site", APP)).contains("cross-origin");
    }

    @Test
    void sameSiteButNotSameOriginFetchIsRefused() {
        assertThat(Csrf.check("1", APP, "same-site", APP)).contains("cross-origin");
    }

    @Test
    void appOriginIsDerivedWithoutDefaultPortOrPath() {
        assertThat(Origins.of(java.net.URI.create("https://Panels.Example:443/panels"))).isEqualTo("https://panels.example");
        assertThat(Origins.of(java.net.URI.create("http://localhost:18540/panels"))).isEqualTo(APP);
    }
}
