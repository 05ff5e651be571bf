package dev.panels.local.e2e;

import dev.panels.testsupport.HttpBrowser;
import dev.panels.testsupport.KeycloakLoginPage;
import dev.panels.testsupport.StytchSignInPage;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in endpoints over plain HTTP against the running stack: the defences a browser test cannot
 * provoke (forged requests, hostile return paths, forged callbacks).
 */
class SignInEndpointsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static String app() {
        return E2eStack.appUrl();
    }

    private static String origin() {
        URI uri = URI.create(app());
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    private static HttpResponse<String> post(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app() + path)).POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refreshWithoutTheCsrfHeaderIsRefused() throws Exception {
        HttpResponse<String> response = post("/auth/refresh", Map.of("Origin", origin()));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("X-Panels-CSRF");
    }

    @Test
    void refreshAndLogoutFromAForeignOriginAreRefused() throws Exception {
        for (String path : List.of("/auth/refresh", "/auth/logout")) {
            HttpResponse<String> response = post(path, Map.of("Origin", "http://evil.example", "X-Panels-CSRF", "1"));
            assertThat(response.statusCode()).as(path).isEqualTo(403);
        }
    }

    @Test
    void refreshWithoutASessionAnswersProblem401() throws Exception {
        HttpResponse<String> response = post("/auth/refresh", Map.of("Origin", origin(), "X-Panels-CSRF", "1"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"type\":\"https://panels.dev/problems/authentication\"");
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    @Test
    void theUiAndTheSignInEndpointsSendAStrictContentSecurityPolicyAndForbidFraming() throws Exception {
        for (String path : List.of("/", "/index.html", "/auth/login")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(app() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isIn(200, 302);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(policy -> assertThat(policy)
                    .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'")
                    .contains("connect-src 'self' " + E2eStack.settings().keycloakUrl())
                    .doesNotContain("unsafe-inline", "unsafe-eval"));
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        }
    }

    @Test
    void loginStartsCodeFlowWithPkceStateAndNonceAndAPerAttemptCookie() throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(app() + "/auth/login?returnTo=%2F%23%2Fpanels")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        Map<String, String> query = query(login.headers().firstValue("Location").orElseThrow());
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "panels-app")
                .containsEntry("code_challenge_method", "S256").containsEntry("redirect_uri", app() + "/auth/callback");
        assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(query.get("state")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(query.get("nonce")).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(query.get("state"));
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.contains("panels-login-")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly", "Secure", "SameSite=Lax", "Path=/panels/auth/callback", "Max-Age=600")
                .doesNotContain(query.get("code_challenge")).doesNotContain("nonce");
    }

    @Test
    void aHostileReturnPathEndsOnTheAppNotElsewhere() throws Exception {
        E2eStack.Person person = E2eStack.newPerson("panels-viewer");
        String callbackPath = app() + "/auth/callback";
        HttpBrowser browser = new HttpBrowser().stopAt(url -> url.startsWith(callbackPath));
        HttpBrowser.Page login = browser.getOnce(app() + "/auth/login?returnTo=" + enc("//evil.example/steal"));
        // Keycloak's login page → its "Stytch" button → the Stytch email form → the magic link, all in this browser.
        HttpBrowser.Page keycloak = browser.get(login.location().orElseThrow());
        HttpBrowser.Page stytch = browser.get(new KeycloakLoginPage(keycloak).stytchButton());
        java.time.Instant sent = java.time.Instant.now();
        HttpBrowser.Page check = browser.submit(new StytchSignInPage(stytch).emailForm().with("email", person.email()));
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        var mail = E2eStack.newestEmail(person.email());
        assertThat(mail).isNotNull();
        assertThat(java.time.Instant.parse(mail.path("sent_at").asText())).isAfterOrEqualTo(sent.minusSeconds(1));
        HttpBrowser.Page signedIn = browser.get(mail.path("link").asText());
        String callback = signedIn.location().orElseThrow(() -> new AssertionError("no redirect after sign-in: " + signedIn.status()));
        assertThat(callback).startsWith(callbackPath);

        HttpBrowser.Page landed = browser.getOnce(callback);
        assertThat(landed.status()).isEqualTo(302);
        assertThat(landed.location()).hasValue(app() + "/");
        assertThat(landed.headers().get("set-cookie")).anyMatch(c -> c.startsWith("__Secure-panels-session="));

        // The same callback again (a replayed code and state) is refused: the login state was single-use.
        HttpBrowser.Page replay = browser.getOnce(callback);
        assertThat(replay.location()).hasValue(app() + "/#/sign-in-failed/expired");
    }

    @Test
    void aCallbackWithAForgedStateIsRefused() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(app() + "/auth/callback?code=forged&state="
                + "A".repeat(43))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue(app() + "/#/sign-in-failed/expired");
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(c -> c.contains("panels-session="));
    }

    private static Map<String, String> query(String url) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
