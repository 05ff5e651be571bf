package dev.panels.local.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the browser keeps (and does not keep) the tokens of the token-mediating backend. */
class TokenHandlingIT {

    /** A JWS (header.payload.signature) as an access token would appear if stored anywhere. */
    private static final Pattern JWS = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{10,}");

    private Browser browser;

    /** The JWTs in a text whose payload says typ=Bearer (Keycloak's access tokens). */
    static List<String> bearerTokensIn(String text) {
        List<String> found = new java.util.ArrayList<>();
        java.util.regex.Matcher m = JWS.matcher(text);
        while (m.find()) {
            String payload = m.group().split("\\.")[1];
            String json = new String(java.util.Base64.getUrlDecoder().decode(payload), java.nio.charset.StandardCharsets.UTF_8);
            if (json.replace(" ", "").contains("\"typ\":\"Bearer\"")) {
                found.add(m.group());
            }
        }
        return found;
    }

    @BeforeEach
    void signIn() throws Exception {
        browser = new Browser();
        SignInFlows.asMember(browser, E2eStack.newPerson("panels-editor"));
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void theAccessTokenIsAbsentFromLocalStorageSessionStorageCookiesAndTheUrl() {
        // The UI holds a token: it just loaded the panels list through the API with it.
        assertThat(browser.driver.findElement(SignInFlows.PANELS_PAGE).isDisplayed()).isTrue();
        browser.screenshot("panels-list");

        String storage = (String) browser.js("const all = {};"
                + "for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); all['l:' + k] = localStorage.getItem(k); }"
                + "for (let i = 0; i < sessionStorage.length; i++) { const k = sessionStorage.key(i); all['s:' + k] = sessionStorage.getItem(k); }"
                + "all.cookie = document.cookie; return JSON.stringify(all);");
        assertThat(JWS.matcher(storage).find()).as("a JWT in web storage or document.cookie: " + storage).isFalse();
        assertThat((String) browser.js("return document.cookie")).as("session cookies are HttpOnly").isEmpty();
        for (Map<String, Object> cookie : browser.allCookies()) {
            String value = String.valueOf(cookie.get("value"));
            // Keycloak's own SSO cookies (on its /realms path) are signed JWTs, but never a Bearer access token.
            assertThat(bearerTokensIn(value)).as("cookie " + cookie.get("name") + " holds an access token").isEmpty();
            if (String.valueOf(cookie.get("path")).startsWith("/panels")) {
                assertThat(JWS.matcher(value).find()).as("app cookie " + cookie.get("name") + " holds a readable JWT").isFalse();
            }
        }
        assertThat(browser.url()).doesNotContain("access_token", "code=", "eyJ");
    }

    @Test
    void theRefreshCookieIsHttpOnlySecureSameSiteStrictAndLimitedToTheAuthPath() {
        List<Map<String, Object>> cookies = browser.allCookies();
        Map<String, Object> refresh = cookies.stream().filter(c -> String.valueOf(c.get("name")).endsWith("panels-session"))
                .findFirst().orElseThrow(() -> new AssertionError("no refresh cookie among " + cookies.stream().map(c -> c.get("name")).toList()));
        assertThat(refresh.get("name")).isEqualTo("__Secure-panels-session");
        assertThat(refresh.get("httpOnly")).isEqualTo(true);
        assertThat(refresh.get("secure")).isEqualTo(true);
        assertThat(refresh.get("sameSite")).isEqualTo("Strict");
        assertThat(refresh.get("path")).isEqualTo("/panels/auth");
        assertThat(String.valueOf(refresh.get("value")).split("\\.")).as("a compact JWE").hasSize(5);
        assertThat(cookies.stream().map(c -> String.valueOf(c.get("name"))))
                .as("the one-time login-state cookie is gone after the callback").noneMatch(n -> n.contains("panels-login-"));
    }

    @Test
    void aDeepLinkSurvivesTheSignInRoundTrip() throws Exception {
        try (Browser other = new Browser()) {
            E2eStack.Person person = E2eStack.newPerson("panels-viewer");
            SignInFlows.throughStytch(other, person.email(), null, E2eStack.appUrl() + "/#/sessions");
            other.until(d -> d.getCurrentUrl().startsWith(E2eStack.appUrl()) && d.getCurrentUrl().endsWith("#/sessions"), Duration.ofSeconds(60));
            assertThat(other.waitFor(By.cssSelector("table#sessions")).isDisplayed()).isTrue();
        }
    }
}
