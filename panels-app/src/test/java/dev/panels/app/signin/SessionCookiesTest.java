package dev.panels.app.signin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionCookiesTest {

    private final SessionCookies cookies = new SessionCookies("/panels", true);

    @Test
    void refreshCookieIsHttpOnlySecureStrictAndScopedToTheAuthEndpoints() {
        String header = cookies.header(cookies.refreshName(), "v", cookies.refreshPath(), "Strict", 1800);
        assertThat(header).startsWith("__Secure-panels-session=v;")
                .contains("; Path=/panels/auth;", "; Max-Age=1800", "; HttpOnly", "; Secure", "; SameSite=Strict");
    }

    @Test
    void loginStateCookieIsPerAttemptAndOnlyGoesToTheCallback() {
        assertThat(cookies.loginName("abcdefghijklmnopq")).isEqualTo("__Secure-panels-login-abcdefghijkl");
        assertThat(cookies.loginPath()).isEqualTo("/panels/auth/callback");
        assertThat(cookies.idTokenPath()).isEqualTo("/panels/auth/logout");
    }

    @Test
    void clearingExpiresAtOnce() {
        assertThat(cookies.header("n", "", "/panels/auth", "Strict", 0)).contains("Max-Age=0", "Expires=Thu, 01 Jan 1970");
    }

    @Test
    void withoutSecureThereIsNoSecurePrefix() {
        SessionCookies dev = new SessionCookies("", false);
        assertThat(dev.refreshName()).isEqualTo("panels-session");
        assertThat(dev.header("n", "v", "/auth", "Strict", 5)).doesNotContain("Secure");
    }
}
