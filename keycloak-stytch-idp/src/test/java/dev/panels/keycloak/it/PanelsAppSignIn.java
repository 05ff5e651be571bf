package dev.panels.keycloak.it;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs a one-organization Stytch member into {@code panels-app} of the imported realm export, the way the app's
 * backend does: authorize with PKCE and {@code kc_idp_hint=stytch-b2b}, email on the Stytch page, the magic link
 * from the emulator's inbox, then the code exchange with the client secret.
 */
final class PanelsAppSignIn {

    private PanelsAppSignIn() {
    }

    static OidcClient client(KeycloakServer kc) {
        return new OidcClient(kc.realmUrl(KeycloakServer.PANELS_REALM), "panels-app",
                KeycloakServer.PANELS_APP_URL + "/auth/callback", KeycloakServer.PANELS_CLIENT_SECRET);
    }

    /** The token response of the code exchange (status 200 asserted). */
    static OidcClient.TokenResponse signIn(KeycloakServer kc, OidcClient client, String email) {
        Browser browser = new Browser().stopAt(u -> u.startsWith(KeycloakServer.PANELS_APP_URL));
        Browser.Page page = browser.get(client.authorizeUrl(Map.of("kc_idp_hint", "stytch-b2b")));
        assertThat(page.hasElement("stytch-login")).as(page.body()).isTrue();
        Browser.Page check = browser.submit(page.form("stytch-email-form").with("email", email));
        assertThat(check.hasElement("stytch-check-email")).as(check.body()).isTrue();
        String link = kc.stytch().inbox().latestFor(email).orElseThrow().link();
        Browser.Page done = browser.get(link);
        assertThat(done.isRedirect()).as(done.status() + " " + done.body()).isTrue();
        OidcClient.TokenResponse tokens = client.exchange(done.location().orElseThrow());
        assertThat(tokens.status()).as(tokens.json().toString()).isEqualTo(200);
        return tokens;
    }
}
