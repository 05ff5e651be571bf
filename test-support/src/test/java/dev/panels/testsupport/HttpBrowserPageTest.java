package dev.panels.testsupport;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpBrowserPageTest {

    private static final String LOGIN = """
            <html><body>
              <a id="social-stytch-b2b" class="social" href="/realms/panels/broker/stytch-b2b/login?client_id=panels-app&amp;tab_id=x1">Stytch</a>
              <form id="stytch-email-form" method="POST" action="endpoint/email?state=s%20t">
                <input type="hidden" name="state" value="a&amp;b">
                <input name="email" value="">
                <input type="checkbox" name="remember" value="on">
                <input type="checkbox" name="checked-one" value="yes" checked>
                <select name="org"><option value="n">Northwind</option><option value="r" selected>Riverside</option></select>
                <button type="submit" name="action" value="send">Send</button>
              </form>
              <div id="stytch-check-email" data-status-url="status?attempt=42"><p>Check your <b>email</b>.</p></div>
              <button name="organization_id" value="org-1">One</button><button name="organization_id" value="org-2">Two</button>
              <a class="stytch-sso kc-button" href="https://sso.example/start?o=1&amp;p=2">SSO</a>
            </body></html>""";

    private static HttpBrowser.Page page() {
        return new HttpBrowser.Page("http://localhost:8180/realms/panels/broker/stytch-b2b/", 200, LOGIN, Map.of());
    }

    @Test
    void aFormIsWhatABrowserWouldSubmitWithItsActionResolvedAgainstThePage() {
        HttpBrowser.Form form = page().form("stytch-email-form");

        assertThat(form.action()).isEqualTo("http://localhost:8180/realms/panels/broker/stytch-b2b/endpoint/email?state=s%20t");
        assertThat(form.method()).isEqualTo("post");
        assertThat(form.fields()).containsExactly(Map.entry("state", "a&b"), Map.entry("email", ""),
                Map.entry("checked-one", "yes"), Map.entry("org", "r"));
    }

    @Test
    void linksAndAttributesAreReadByIdAndSelectorWithEntitiesDecodedAndUrlsAbsolute() {
        assertThat(page().link("social-stytch-b2b"))
                .isEqualTo("http://localhost:8180/realms/panels/broker/stytch-b2b/login?client_id=panels-app&tab_id=x1");
        assertThat(page().href("a.stytch-sso")).isEqualTo("https://sso.example/start?o=1&p=2");
        assertThat(new StytchSignInPage(page()).linkStatusUrl())
                .isEqualTo("http://localhost:8180/realms/panels/broker/stytch-b2b/status?attempt=42");
        assertThat(page().text("stytch-check-email")).isEqualTo("Check your email.");
        assertThat(page().buttonValues("organization_id")).isEqualTo(List.of("org-1", "org-2"));
    }

    @Test
    void whatIsNotOnThePageFailsWithThePageInTheMessage() {
        assertThatThrownBy(() -> page().form("kc-form-login")).isInstanceOf(AssertionError.class).hasMessageContaining("no form #kc-form-login");
        assertThatThrownBy(() -> page().href("a.stytch-oauth")).isInstanceOf(AssertionError.class).hasMessageContaining("a.stytch-oauth");
        assertThat(new KeycloakLoginPage(page()).showsLoginForm()).isFalse();
    }
}
