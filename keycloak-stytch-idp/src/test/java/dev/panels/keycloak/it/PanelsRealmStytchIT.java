package dev.panels.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider inside the shared realm export ({@code realm-export/panels-realm.json}, imported at start with the
 * placeholders pointed at the emulator): a Stytch member signs into {@code panels-app} and gets the claims contract's
 * roles and organization.
 */
class PanelsRealmStytchIT {

    static KeycloakServer kc;

    @BeforeAll
    static void start() {
        kc = KeycloakServer.get();
    }

    @Test
    void aRiversideAdminSignsIntoPanelsAppThroughStytch() {
        assertThat(kc.admin().status("panels/identity-provider/instances/stytch-b2b"))
                .as("the realm export's stytch-b2b IdP (see target/keycloak-it.log for the import)").isEqualTo(200);
        String email = "rita.admin@riverside.example";
        OidcClient client = new OidcClient(kc.realmUrl("panels"), "panels-app", KeycloakServer.PANELS_APP_URL + "/auth/callback",
                KeycloakServer.PANELS_CLIENT_SECRET);
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

        JsonNode access = OidcClient.claims(tokens.accessToken());
        List<String> roles = new ArrayList<>();
        access.path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
        access.path("groups").forEach(r -> roles.add(r.asText()));
        assertThat(roles).contains("panels-admin");
        assertThat(access.path("organization").toString()).contains("riverside");
        assertThat(access.toString()).contains("organization-test-22222222-2222-4222-8222-222222222222");
        assertThat(access.path("sid").asText()).isNotBlank();
    }
}
