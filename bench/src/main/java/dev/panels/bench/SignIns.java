package dev.panels.bench;

import dev.panels.local.StackSettings;
import dev.panels.testsupport.AppSignIn;
import dev.panels.testsupport.HttpBrowser;
import dev.panels.testsupport.KeycloakAdmin;
import dev.panels.testsupport.KeycloakLoginPage;
import dev.panels.testsupport.OidcClient;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sign-ins per second through the same Keycloak, one after another: the brokered Stytch sign-in (magic link from the
 * stand-in at no added latency) against Keycloak's own password sign-in of a local user (which hashes a password).
 * Each ends with the authorization code exchanged for tokens, as the app does.
 */
final class SignIns {

    private static final String CLIENT = "panels-app";

    private SignIns() {
    }

    /** A local Keycloak user with a password, created by the bench for password sign-ins. */
    record LocalUser(String username, String password) {

        static LocalUser create(StackSettings settings) {
            KeycloakAdmin admin = new KeycloakAdmin(settings.keycloakUrl(), StackSettings.ADMIN_USER, settings.adminPassword());
            String user = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            String password = "Bench-" + user + "-2026!";
            admin.post(StackSettings.REALM + "/users", Map.of("username", user, "email", user + "@bench.example",
                    "firstName", "Bench", "lastName", "User", "enabled", true, "emailVerified", true,
                    "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
            return new LocalUser(user, password);
        }
    }

    static List<Load.Result> compare(StackSettings settings, int count) throws Exception {
        String secret = settings.clientSecret();
        String redirect = settings.appUrl() + "/auth/callback";
        LocalUser user = LocalUser.create(settings);
        Histogram local = new Histogram(3);
        Histogram brokered = new Histogram(3);
        double localSeconds = 0;
        double brokeredSeconds = 0;
        for (int i = 0; i < count; i++) {
            // alternate, so both see the same Keycloak (caches, sessions, JIT) at each moment
            localSeconds += timed(local, () -> passwordSignIn(new OidcClient(settings.issuer(), CLIENT, redirect, secret), redirect, user));
            brokeredSeconds += timed(brokered, () -> stytchSignIn(new OidcClient(settings.issuer(), CLIENT, redirect, secret),
                    redirect, settings.stytchUrl(), Bench.CLINICIAN));
        }
        return List.of(Load.Result.of("Keycloak password sign-in (local user)", 1, count, localSeconds, 0, local),
                Load.Result.of("brokered Stytch sign-in (magic link)", 1, count, brokeredSeconds, 0, brokered));
    }

    private interface SignIn {
        void run() throws Exception;
    }

    private static double timed(Histogram histogram, SignIn signIn) throws Exception {
        long t0 = System.nanoTime();
        signIn.run();
        long micros = (System.nanoTime() - t0) / 1000;
        histogram.recordValue(Math.max(1, micros));
        return micros / 1e6;
    }

    static void passwordSignIn(OidcClient client, String redirect, LocalUser user) {
        HttpBrowser browser = new HttpBrowser().stopAt(url -> url.startsWith(redirect));
        HttpBrowser.Page page = browser.get(client.authorizeUrl(Map.of()));
        for (int step = 0; step < 3 && new KeycloakLoginPage(page).showsLoginForm(); step++) {
            page = browser.submit(new KeycloakLoginPage(page).loginForm().with("username", user.username()).with("password", user.password()));
        }
        exchange(client, page, "password sign-in");
    }

    static OidcClient.TokenResponse stytchSignIn(OidcClient client, String redirect, String stytchUrl, String email) throws Exception {
        HttpBrowser browser = new HttpBrowser().stopAt(url -> url.startsWith(redirect));
        return exchange(client, AppSignIn.viaStytchMagicLink(browser, client.authorizeUrl(Map.of()), stytchUrl, email),
                "Stytch sign-in");
    }

    private static OidcClient.TokenResponse exchange(OidcClient client, HttpBrowser.Page page, String what) {
        String callback = page.location().orElseThrow(() -> new IllegalStateException(what + " ended on " + page.url()
                + " (HTTP " + page.status() + ")"));
        OidcClient.TokenResponse tokens = client.exchange(callback);
        if (tokens.status() != 200) {
            throw new IllegalStateException(what + ": code exchange answered " + tokens.status() + " " + tokens.json());
        }
        return tokens;
    }
}
