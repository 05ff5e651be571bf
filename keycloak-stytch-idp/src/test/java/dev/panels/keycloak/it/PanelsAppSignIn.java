package dev.panels.keycloak.it;

import dev.panels.testsupport.HttpBrowser;
import dev.panels.testsupport.OidcClient;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs a Stytch member into {@code panels-app} of the imported realm export, the way the app's backend does:
 * authorize with PKCE and {@code kc_idp_hint=stytch-b2b}, email on the Stytch page, the magic link from the emulator's
 * inbox, the organization picker when the person belongs to several, Stytch MFA (SMS, enrolling {@code phone} if the
 * member has none yet) when the organization requires it, then the code exchange with the client secret. Whatever
 * page Keycloak might add after the last Stytch step (review profile, account linking) fails the sign-in: the last
 * step must lead straight back to the app.
 */
final class PanelsAppSignIn {

    private PanelsAppSignIn() {
    }

    static OidcClient client(KeycloakServer kc) {
        return new OidcClient(kc.realmUrl(KeycloakServer.PANELS_REALM), "panels-app",
                KeycloakServer.PANELS_APP_URL + "/auth/callback", KeycloakServer.PANELS_CLIENT_SECRET);
    }

    /** A browser (cookie jar) that stops at the redirect back to the app. */
    static HttpBrowser browser() {
        return new HttpBrowser().stopAt(u -> u.startsWith(KeycloakServer.PANELS_APP_URL));
    }

    /** A member of one organization without MFA, in a fresh browser. */
    static OidcClient.TokenResponse signIn(KeycloakServer kc, OidcClient client, String email) {
        return signIn(kc, client, browser(), email, null, null);
    }

    /**
     * The token response of the code exchange (status 200 asserted). {@code organizationId}: the organization to pick
     * when the picker shows (null: none expected); {@code phone}: the number to enroll if MFA asks for one.
     */
    static OidcClient.TokenResponse signIn(KeycloakServer kc, OidcClient client, HttpBrowser browser, String email,
                                           String organizationId, String phone) {
        HttpBrowser.Page page = browser.get(client.authorizeUrl(Map.of("kc_idp_hint", "stytch-b2b")));
        assertThat(page.hasElement("stytch-login")).as(page.body()).isTrue();
        HttpBrowser.Page check = browser.submit(page.form("stytch-email-form").with("email", email));
        assertThat(check.hasElement("stytch-check-email")).as(check.body()).isTrue();
        HttpBrowser.Page next = browser.get(kc.stytch().inbox().latestFor(email).orElseThrow().link());
        if (organizationId != null) {
            assertThat(next.hasElement("stytch-organization-form")).as("the organization picker: " + next.body()).isTrue();
            next = browser.submit(next.form("stytch-organization-form").with("organization_id", organizationId));
        }
        if (next.hasElement("stytch-mfa-phone-form")) {
            assertThat(phone).as("MFA asks to enroll a phone").isNotNull();
            next = browser.submit(next.form("stytch-mfa-phone-form").with("phone", phone));
        }
        if (next.hasElement("stytch-mfa-sms-form")) {
            next = browser.submit(next.form("stytch-mfa-sms-form").with("code", latestSmsCode(kc, email)));
        }
        assertThat(next.isRedirect()).as("straight back to the app, got %s %s\n%s", next.status(), next.url(), next.body()).isTrue();
        OidcClient.TokenResponse tokens = client.exchange(next.location().orElseThrow());
        assertThat(tokens.status()).as(tokens.json().toString()).isEqualTo(200);
        return tokens;
    }

    static String latestSmsCode(KeycloakServer kc, String email) {
        return kc.stytch().inbox().forEmail(email).stream().filter(m -> m.phone() != null && m.code() != null)
                .findFirst().orElseThrow(() -> new AssertionError("no SMS for " + email)).code();
    }
}
