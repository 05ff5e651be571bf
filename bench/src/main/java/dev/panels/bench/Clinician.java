package dev.panels.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jwt.SignedJWT;
import dev.panels.testsupport.HttpBrowser;
import dev.panels.testsupport.KeycloakLoginPage;
import dev.panels.testsupport.StytchSignInPage;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A clinician signed in the way a browser signs in: app {@code /auth/login} → Keycloak → the Stytch provider → the
 * magic link from the Stytch stand-in's dev inbox → the app's callback → {@code POST /auth/refresh} for the access
 * token. The benchmark also opens the Medplum token sealed in it (with the stack's own keys, as the app does) to send
 * the very FHIR search the app sends, straight to the Medplum stand-in.
 */
record Clinician(String accessToken, String medplumToken) {

    static final ObjectMapper JSON = new ObjectMapper();

    static Clinician signIn(String appUrl, String stytchUrl, String email, String medplumTokenKeys) throws Exception {
        String callback = appUrl + "/auth/callback";
        HttpBrowser browser = new HttpBrowser().stopAt(url -> url.startsWith(callback));
        HttpBrowser.Page login = browser.getOnce(appUrl + "/auth/login?returnTo=%2F");
        HttpBrowser.Page keycloak = browser.get(login.location().orElseThrow());
        HttpBrowser.Page stytch = browser.get(new KeycloakLoginPage(keycloak).stytchButton());
        Instant asked = Instant.now();
        HttpBrowser.Page sent = browser.submit(new StytchSignInPage(stytch).emailForm().with("email", email));
        if (sent.status() != 200) {
            throw new IllegalStateException("magic link not sent for " + email + ": HTTP " + sent.status());
        }
        HttpBrowser.Page back = browser.get(magicLinkAfter(stytchUrl, email, asked));
        browser.getOnce(back.location().orElseThrow(() -> new IllegalStateException("sign-in of " + email + " did not return to the app")));
        return new Clinician(accessToken(browser, appUrl), null).withMedplumToken(medplumTokenKeys);
    }

    /** A fresh access token from the app's refresh endpoint (a Keycloak refresh-token grant behind it). */
    static String accessToken(HttpBrowser browser, String appUrl) throws Exception {
        URI app = URI.create(appUrl);
        HttpClient http = HttpClient.newBuilder().cookieHandler(browser.cookies()).build();
        HttpResponse<String> refresh = http.send(HttpRequest.newBuilder(URI.create(appUrl + "/auth/refresh"))
                .header("X-Panels-CSRF", "1").header("Origin", app.getScheme() + "://" + app.getAuthority())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (refresh.statusCode() != 200) {
            throw new IllegalStateException("/auth/refresh answered " + refresh.statusCode() + ": " + refresh.body());
        }
        return JSON.readTree(refresh.body()).path("access_token").asText();
    }

    private Clinician withMedplumToken(String keys) throws Exception {
        JsonNode claims = JSON.readTree(SignedJWT.parse(accessToken).getPayload().toString());
        String sealed = claims.path("medplum_token").asText("");
        if (sealed.isEmpty()) {
            return this;
        }
        JWEObject jwe = JWEObject.parse(sealed);
        jwe.decrypt(new DirectDecrypter(Base64.getUrlDecoder().decode(keys.split(",")[0].trim())));
        return new Clinician(accessToken, JSON.readTree(jwe.getPayload().toString()).path("v").asText());
    }

    static String magicLinkAfter(String stytchUrl, String email, Instant after) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> inbox = http.send(HttpRequest.newBuilder(URI.create(stytchUrl + "/dev/inbox.json?email="
                    + URLEncoder.encode(email, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode messages = JSON.readTree(inbox.body());
            if (messages.isArray() && !messages.isEmpty()
                    && Instant.parse(messages.get(0).path("sent_at").asText()).isAfter(after.minusSeconds(1))) {
                return messages.get(0).path("link").asText();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no magic link for " + email + " in the Stytch stand-in's inbox");
    }
}
