package dev.panels.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.panels.testsupport.KeycloakAdmin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admin-console view: the provider, its settings and mappers are registered; an IdP round-trips through admin REST. */
class ProviderRegistrationIT {

    static KeycloakServer kc;

    @BeforeAll
    static void start() {
        kc = KeycloakServer.get();
    }

    @Test
    void serverInfoListsTheProviderItsMappersAndTheSessionCheckExecutor() {
        JsonNode info = kc.admin().getAdmin("serverinfo");
        List<String> idps = new ArrayList<>();
        info.path("identityProviders").forEach(p -> idps.add(p.path("id").asText()));
        assertThat(idps).contains("stytch-b2b");
        JsonNode mappers = info.path("providers").path("identity-provider-mapper").path("providers");
        for (String id : List.of("stytch-role-mapper", "stytch-attribute-mapper", "stytch-organization-mapper")) {
            assertThat(mappers.has(id)).as(id).isTrue();
        }
        assertThat(info.path("providers").path("client-policy-executor").path("providers").has("stytch-session-check")).isTrue();
    }

    @Test
    void providerConfigPropertiesAreExposedToTheConsole() {
        JsonNode provider = kc.admin().get("master/identity-provider/providers/stytch-b2b");
        List<String> names = new ArrayList<>();
        JsonNode props = provider.has("configProperties") ? provider.path("configProperties") : provider.path("properties");
        props.forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).as(provider.toString()).isNotEmpty();
        assertThat(names).contains("stytchEnvironment", "stytchApiBaseUrl", "stytchPublicToken", "stytchOrganizationMode",
                "stytchOrganization", "stytchOrganizationAttribute", "stytchLoginMethods", "stytchOAuthProviders",
                "stytchSessionDurationMinutes", "stytchHonourMfa", "stytchSessionCheckSeconds",
                "stytchRateLimitPerEmail", "stytchRateLimitPerIp", "stytchTimeoutSeconds");
    }

    @Test
    void anIdpCreatedThroughAdminRestRoundTripsWithTheSecretMasked() {
        String realm = "stytch-it-admin";
        if (kc.admin().status(realm) != 200) {
            kc.admin().post("", Map.of("realm", realm, "enabled", true));
        }
        ObjectNode idp = KeycloakAdmin.JSON.createObjectNode();
        idp.put("alias", "stytch-roundtrip").put("providerId", "stytch-b2b").put("enabled", true);
        idp.set("config", KeycloakAdmin.JSON.valueToTree(StytchTestRealm.idpConfig(kc.stytch(), Map.of(
                "stytchOrganizationMode", "pinned", "stytchOrganization", StytchTestRealm.NORTHWIND,
                "stytchLoginMethods", "discovery_magic_link##password"))));
        kc.admin().post(realm + "/identity-provider/instances", idp);

        JsonNode back = kc.admin().get(realm + "/identity-provider/instances/stytch-roundtrip");
        assertThat(back.path("providerId").asText()).isEqualTo("stytch-b2b");
        JsonNode config = back.path("config");
        assertThat(config.path("clientId").asText()).isEqualTo(kc.stytch().projectId());
        assertThat(config.path("clientSecret").asText()).isEqualTo("**********");
        assertThat(config.path("stytchApiBaseUrl").asText()).isEqualTo(kc.stytch().baseUrl());
        assertThat(config.path("stytchOrganization").asText()).isEqualTo(StytchTestRealm.NORTHWIND);
        assertThat(config.path("stytchLoginMethods").asText()).isEqualTo("discovery_magic_link##password");
        assertThat(back.toString()).doesNotContain(kc.stytch().secret());

        // the console's mapper list for this IdP offers the Stytch mappers with their settings
        JsonNode types = kc.admin().get(realm + "/identity-provider/instances/stytch-roundtrip/mapper-types");
        assertThat(types.has("stytch-organization-mapper")).isTrue();
        List<String> roleMapperProps = new ArrayList<>();
        types.path("stytch-role-mapper").path("properties").forEach(p -> roleMapperProps.add(p.path("name").asText()));
        assertThat(roleMapperProps).contains("stytch.roles", "role");
        List<String> attributeMapperProps = new ArrayList<>();
        types.path("stytch-attribute-mapper").path("properties").forEach(p -> attributeMapperProps.add(p.path("name").asText()));
        assertThat(attributeMapperProps).contains("stytch.field", "user.attribute");

        // an invalid configuration is refused with the setting's name
        ObjectNode bad = idp.deepCopy();
        bad.put("alias", "stytch-bad");
        ((ObjectNode) bad.get("config")).remove("stytchOrganization");
        assertThatThrownBy(() -> kc.admin().post(realm + "/identity-provider/instances", bad))
                .isInstanceOf(KeycloakAdmin.AdminException.class)
                .satisfies(e -> assertThat(((KeycloakAdmin.AdminException) e).status()).isEqualTo(400));
        assertThat(kc.admin().status(realm + "/identity-provider/instances/stytch-bad")).isEqualTo(404);
        // pinned by slug is refused too: a slug can be renamed, and taken by another organization
        ((ObjectNode) bad.get("config")).put("stytchOrganization", "northwind");
        assertThatThrownBy(() -> kc.admin().post(realm + "/identity-provider/instances", bad))
                .isInstanceOf(KeycloakAdmin.AdminException.class).hasMessageContaining("not its slug");
    }
}
