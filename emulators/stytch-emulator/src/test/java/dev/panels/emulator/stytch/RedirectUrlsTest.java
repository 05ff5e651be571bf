package dev.panels.emulator.stytch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The matching rule and the registration checks of {@link RedirectUrls}, without a server. */
class RedirectUrlsTest {

    private static final String ENDPOINT = "https://example.com:8443/realms/panels/broker/stytch-b2b/endpoint";

    private static Project.RedirectUrl url(String type, String url) {
        return new Project.RedirectUrl(type, url, false);
    }

    private static Project.RedirectUrl defaultUrl(String type, String url) {
        return new Project.RedirectUrl(type, url, true);
    }

    private static RedirectUrls registry(Project.RedirectUrl... urls) {
        return RedirectUrls.of(new Project(), List.of(urls));
    }

    /** Whether {@code given} may be used as a {@code type} URL; a refusal must carry the no-match error type. */
    private static boolean accepts(RedirectUrls registry, String type, String given) {
        try {
            registry.requireRegistered(given, type, "login_redirect_url", "no_match_for_provided_test_url");
            return true;
        } catch (StytchError e) {
            assertThat(e.status).isEqualTo(400);
            assertThat(e.errorType).isEqualTo("no_match_for_provided_test_url");
            assertThat(e.getMessage()).contains("login_redirect_url").contains(given);
            return false;
        }
    }

    @Test
    void anExactMatchIsAcceptedForItsTypeOnly() {
        RedirectUrls r = registry(url("login", ENDPOINT));

        assertThat(accepts(r, "login", ENDPOINT)).isTrue();
        assertThat(accepts(r, "signup", ENDPOINT)).isFalse();
        assertThat(accepts(r, "discovery", ENDPOINT)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://example.com:8443/realms/panels/broker/stytch-b2b/endpoint",   // scheme
            "https://example.org:8443/realms/panels/broker/stytch-b2b/endpoint",  // host
            "https://sub.example.com:8443/realms/panels/broker/stytch-b2b/endpoint",
            "https://example.com/realms/panels/broker/stytch-b2b/endpoint",       // port
            "https://example.com:8444/realms/panels/broker/stytch-b2b/endpoint",
            "https://example.com:8443/realms/panels/broker/stytch-b2b/endpoint/", // path
            "https://example.com:8443/realms/panels/broker/stytch-b2b",
            "https://example.com:8443/realms/panels/broker/stytch-b2b/endpoint/x",
            "https://example.com:8443/realms/panels/broker/stytch-b2b/endpoint?x=1", // an unregistered parameter
            "https://example.com:8443/realms/panels/broker/stytch-b2b/endpoint#top", // a fragment
            "https://user@example.com:8443/realms/panels/broker/stytch-b2b/endpoint",
            "/realms/panels/broker/stytch-b2b/endpoint",                            // relative
            "not a url"
    })
    void anythingButTheRegisteredUrlIsRefused(String given) {
        assertThat(accepts(registry(url("login", ENDPOINT)), "login", given)).isFalse();
    }

    @Test
    void wwwAndLetterCaseOfSchemeAndHostDoNotMatter() {
        RedirectUrls r = registry(url("login", "https://example.com/cb"), url("signup", "https://www.example.com/cb"));

        assertThat(accepts(r, "login", "https://www.example.com/cb")).isTrue();
        assertThat(accepts(r, "login", "HTTPS://Example.COM/cb")).isTrue();
        assertThat(accepts(r, "signup", "https://example.com/cb")).isTrue();
        assertThat(accepts(r, "login", "https://example.com/CB")).as("the path is exact").isFalse();
    }

    @Test
    void queryParametersMustBeExactlyTheRegisteredOnesInAnyOrder() {
        RedirectUrls r = registry(url("login", "https://example.com/cb?a=1&b=2"));

        assertThat(accepts(r, "login", "https://example.com/cb?a=1&b=2")).isTrue();
        assertThat(accepts(r, "login", "https://example.com/cb?b=2&a=1")).isTrue();
        assertThat(accepts(r, "login", "https://example.com/cb?a=1")).as("one missing").isFalse();
        assertThat(accepts(r, "login", "https://example.com/cb?a=1&b=2&c=3")).as("one extra").isFalse();
        assertThat(accepts(r, "login", "https://example.com/cb?a=1&b=3")).as("another value").isFalse();
        assertThat(accepts(r, "login", "https://example.com/cb")).isFalse();
    }

    @Test
    void thePlaceholderAcceptsAnyValueButTheParameterMustBePresent() {
        RedirectUrls r = registry(url("login", ENDPOINT + "?attempt={}"));

        assertThat(accepts(r, "login", ENDPOINT + "?attempt=abc")).isTrue();
        assertThat(accepts(r, "login", ENDPOINT + "?attempt=a%20b%26c")).isTrue();
        assertThat(accepts(r, "login", ENDPOINT + "?attempt=")).isTrue();
        assertThat(accepts(r, "login", ENDPOINT)).as("attempt missing").isFalse();
        assertThat(accepts(r, "login", ENDPOINT + "?state=abc")).as("another name").isFalse();
        assertThat(accepts(r, "login", ENDPOINT + "?attempt=abc&state=x")).as("one extra").isFalse();
    }

    @Test
    void aPlaceholderMixesWithFixedValues() {
        RedirectUrls r = registry(url("login", "https://example.com/cb?type={}&app=panels"));

        assertThat(accepts(r, "login", "https://example.com/cb?type=login&app=panels")).isTrue();
        assertThat(accepts(r, "login", "https://example.com/cb?type=login&app=other")).isFalse();
    }

    @Test
    void aGivenUrlIsUsedAsGivenAndAnOmittedOneIsTheTypesDefault() {
        RedirectUrls r = registry(defaultUrl("login", "https://example.com/default"), url("login", ENDPOINT + "?state={}"));

        assertThat(r.resolve(ENDPOINT + "?state=s1", "login", "login_redirect_url", "x")).isEqualTo(ENDPOINT + "?state=s1");
        assertThat(r.resolve(null, "login", "login_redirect_url", "x")).isEqualTo("https://example.com/default");
        assertThat(r.resolve(" ", "login", "login_redirect_url", "x")).isEqualTo("https://example.com/default");
    }

    @Test
    void anOmittedUrlWithoutADefaultOrWithoutAnyUrlOfTheTypeIsAnError() {
        RedirectUrls r = registry(url("login", ENDPOINT));

        assertThatThrownBy(() -> r.resolve(null, "login", "login_redirect_url", "x")).isInstanceOfSatisfying(
                StytchError.class, e -> assertThat(e.errorType).isEqualTo("no_default_login_redirect_url_set"));
        assertThatThrownBy(() -> r.resolve(null, "discovery", "discovery_redirect_url", "x")).isInstanceOfSatisfying(
                StytchError.class, e -> assertThat(e.errorType).isEqualTo("no_discovery_redirect_urls_set"));
    }

    @Test
    void theOlderDefaultFieldsOfASeedAreDefaults() {
        Project project = new Project();
        project.defaultSignupRedirectUrl = ENDPOINT;

        RedirectUrls r = RedirectUrls.of(project, List.of());

        assertThat(r.resolve(null, "signup", "signup_redirect_url", "x")).isEqualTo(ENDPOINT);
        assertThat(accepts(r, "login", ENDPOINT)).isFalse();
    }

    @Test
    void aPlaceholderUrlCannotBeADefault() {
        assertThatThrownBy(() -> registry(defaultUrl("discovery", ENDPOINT + "?attempt={}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ENDPOINT + "?attempt={}")
                .hasMessageContaining("redirect_url_with_query_param_placeholder_cannot_be_default");
    }

    @Test
    void aTypeHasOneDefaultAtMost() {
        assertThatThrownBy(() -> registry(defaultUrl("login", ENDPOINT), defaultUrl("login", "https://example.com/b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https://example.com/b").hasMessageContaining("already has a default");
        // the same default twice, and defaults of different types, are fine
        registry(defaultUrl("login", ENDPOINT), defaultUrl("login", ENDPOINT), defaultUrl("signup", ENDPOINT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative/endpoint", "localhost:8180/endpoint", "https://example.com/cb#fragment", "nonsense"})
    void aRegistrationMustBeAnAbsoluteUrlWithoutAFragment(String url) {
        assertThatThrownBy(() -> registry(url("login", url)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(url).hasMessageContaining("not an absolute URL");
    }

    @Test
    void aRegistrationNeedsAKnownType() {
        assertThatThrownBy(() -> registry(url("logout", ENDPOINT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("logout").hasMessageContaining("login, signup, invite, reset_password, discovery");
    }

    @Test
    void aCustomSchemeMayBeRegisteredAsStytchsMobileGuidesDo() {
        RedirectUrls r = registry(url("login", "com.example.app://oauth?type={}"));

        assertThat(accepts(r, "login", "com.example.app://oauth?type=login")).isTrue();
    }
}
