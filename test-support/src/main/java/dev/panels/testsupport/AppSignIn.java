package dev.panels.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * A person signing in to the Panels app over plain HTTP, as a browser would: the app's login redirect, Keycloak's
 * "Stytch" button, the Stytch email form, the magic link from the stand-in's inbox, and the app's callback, which
 * sets the session cookie in the returned {@link HttpBrowser}.
 */
public final class AppSignIn {

    private AppSignIn() {
    }

    public static HttpBrowser throughMagicLink(String appUrl, String stytchUrl, String email) throws Exception {
        return throughMagicLink(new HttpBrowser(), appUrl, stytchUrl, email, () -> { });
    }

    /**
     * As {@link #throughMagicLink(String, String, String)}, in a given browser (with the cookies it already holds),
     * running {@code beforeLinkOpened} once the email is sent and before its link is opened (e.g. to stop a server).
     */
    public static HttpBrowser throughMagicLink(HttpBrowser browser, String appUrl, String stytchUrl, String email,
            Runnable beforeLinkOpened) throws Exception {
        String callback = appUrl + "/auth/callback";
        browser.stopAt(url -> url.startsWith(callback));
        HttpBrowser.Page login = browser.getOnce(appUrl + "/auth/login?returnTo=%2F");
        HttpBrowser.Page back = viaStytchMagicLink(browser, login.location().orElseThrow(), stytchUrl, email, beforeLinkOpened);
        HttpBrowser.Page landed = browser.getOnce(back.location()
                .orElseThrow(() -> new IllegalStateException("sign-in of " + email + " did not return to the app")));
        if (landed.status() != 302 || !landed.headers().getOrDefault("set-cookie", java.util.List.of()).stream()
                .anyMatch(c -> c.startsWith("__Secure-panels-session="))) {
            throw new IllegalStateException("the app's callback did not start a session: HTTP " + landed.status());
        }
        return browser;
    }

    /**
     * From Keycloak's authorization URL to the redirect back to the client: Keycloak's "Stytch" button, the Stytch
     * email form, and the magic link from the stand-in's inbox. Returns the page the link leads to; {@code browser}
     * must stop at the client's redirect URI.
     */
    public static HttpBrowser.Page viaStytchMagicLink(HttpBrowser browser, String authorizeUrl, String stytchUrl, String email)
            throws Exception {
        return viaStytchMagicLink(browser, authorizeUrl, stytchUrl, email, () -> { });
    }

    private static HttpBrowser.Page viaStytchMagicLink(HttpBrowser browser, String authorizeUrl, String stytchUrl, String email,
            Runnable beforeLinkOpened) throws Exception {
        HttpBrowser.Page keycloak = browser.get(authorizeUrl);
        HttpBrowser.Page stytch = browser.get(new KeycloakLoginPage(keycloak).stytchButton());
        Instant asked = Instant.now();
        HttpBrowser.Page sent = browser.submit(new StytchSignInPage(stytch).emailForm().with("email", email));
        if (sent.status() != 200) {
            throw new IllegalStateException("magic link not sent for " + email + ": HTTP " + sent.status());
        }
        String link = new StytchDevInbox(stytchUrl).awaitSentAfter(email, asked, Duration.ofSeconds(30)).path("link").asText();
        beforeLinkOpened.run();
        return browser.get(link);
    }

    /** A fresh access token from the app's refresh endpoint (a Keycloak refresh-token grant behind it). */
    public static String accessToken(HttpBrowser browser, String appUrl) throws Exception {
        HttpResponse<String> refresh = sessionPost(browser, appUrl, "/auth/refresh");
        if (refresh.statusCode() != 200) {
            throw new IllegalStateException("/auth/refresh answered " + refresh.statusCode() + ": " + refresh.body());
        }
        return KeycloakAdmin.JSON.readTree(refresh.body()).path("access_token").asText();
    }

    /**
     * {@code POST} to one of the app's session endpoints ({@code /auth/refresh}, {@code /auth/logout}) with the
     * browser's cookies and the headers the app's own page sends (CSRF header, same origin).
     */
    public static HttpResponse<String> sessionPost(HttpBrowser browser, String appUrl, String path) throws Exception {
        URI app = URI.create(appUrl);
        HttpClient http = HttpClient.newBuilder().cookieHandler(browser.cookies()).build();
        return http.send(HttpRequest.newBuilder(URI.create(appUrl + path))
                .header("X-Panels-CSRF", "1").header("Origin", app.getScheme() + "://" + app.getAuthority())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
