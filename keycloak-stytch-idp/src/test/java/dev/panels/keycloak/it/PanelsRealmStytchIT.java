package dev.panels.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.panels.testsupport.OidcClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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
        OidcClient.TokenResponse tokens = PanelsAppSignIn.signIn(kc, PanelsAppSignIn.client(kc), "rita.admin@riverside.example");

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
