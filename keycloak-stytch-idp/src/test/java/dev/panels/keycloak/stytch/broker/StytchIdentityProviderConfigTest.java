package dev.panels.keycloak.stytch.broker;

import dev.panels.keycloak.stytch.broker.StytchIdentityProviderConfig.Environment;
import dev.panels.keycloak.stytch.broker.StytchIdentityProviderConfig.LoginMethod;
import dev.panels.keycloak.stytch.broker.StytchIdentityProviderConfig.OrganizationMode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StytchIdentityProviderConfigTest {

    private static StytchIdentityProviderConfig config(Map<String, String> values) {
        StytchIdentityProviderConfig c = new StytchIdentityProviderConfig();
        c.setConfig(new HashMap<>(values));
        return c;
    }

    private static Map<String, String> valid() {
        Map<String, String> m = new HashMap<>();
        m.put("clientId", "project-test-123");
        m.put("clientSecret", "secret-test-abc");
        return m;
    }

    @Test
    void environmentDefaultsFollowTheProjectId() {
        assertThat(config(valid()).getEnvironment()).isEqualTo(Environment.TEST);
        assertThat(config(valid()).getApiBaseUrl()).isEqualTo("https://test.stytch.com");
        Map<String, String> live = valid();
        live.put("clientId", "project-live-9");
        assertThat(config(live).getApiBaseUrl()).isEqualTo("https://api.stytch.com");
    }

    @Test
    void customEnvironmentNeedsAnAbsoluteBaseUrlAndDropsTheTrailingSlash() {
        Map<String, String> m = valid();
        m.put("stytchEnvironment", "Custom");
        assertThatThrownBy(() -> config(m).getApiBaseUrl()).hasMessageContaining("stytchApiBaseUrl is required");
        m.put("stytchApiBaseUrl", "127.0.0.1:8110");
        assertThatThrownBy(() -> config(m).getApiBaseUrl()).hasMessageContaining("absolute http(s) URL");
        m.put("stytchApiBaseUrl", " http://127.0.0.1:8110/ ");
        assertThat(config(m).getApiBaseUrl()).isEqualTo("http://127.0.0.1:8110");
    }

    @Test
    void unknownEnvironmentIsRefusedByName() {
        Map<String, String> m = valid();
        m.put("stytchEnvironment", "staging");
        assertThatThrownBy(() -> config(m).getEnvironment()).hasMessageContaining("test, live or custom");
    }

    @Test
    void organizationModeDefaultsToPinnedWhenAnOrganizationIsSet() {
        assertThat(config(valid()).getOrganizationMode()).isEqualTo(OrganizationMode.LINKED);
        Map<String, String> m = valid();
        m.put("stytchOrganization", "northwind");
        assertThat(config(m).getOrganizationMode()).isEqualTo(OrganizationMode.PINNED);
        m.put("stytchOrganizationMode", "linked");
        assertThat(config(m).getOrganizationMode()).isEqualTo(OrganizationMode.LINKED);
        assertThat(config(m).getOrganizationAttribute()).isEqualTo("stytch_organization_id");
    }

    @Test
    void loginMethodsParseKeycloakMultivaluedAndCommaLists() {
        Map<String, String> m = valid();
        assertThat(config(m).getLoginMethods()).containsExactly(LoginMethod.DISCOVERY_MAGIC_LINK);
        m.put("stytchLoginMethods", "discovery_magic_link##password##sso");
        assertThat(config(m).getLoginMethods()).containsExactlyInAnyOrder(LoginMethod.DISCOVERY_MAGIC_LINK,
                LoginMethod.PASSWORD, LoginMethod.SSO);
        m.put("stytchLoginMethods", "PASSWORD, oauth");
        assertThat(config(m).getLoginMethods()).containsExactlyInAnyOrder(LoginMethod.PASSWORD, LoginMethod.OAUTH);
        m.put("stytchLoginMethods", "password##carrier_pigeon");
        assertThatThrownBy(() -> config(m).getLoginMethods()).hasMessageContaining("carrier_pigeon");
    }

    @Test
    void numbersAreRangeChecked() {
        Map<String, String> m = valid();
        assertThat(config(m).getSessionDurationMinutes()).isEqualTo(60);
        assertThat(config(m).getSessionCheckSeconds()).isEqualTo(30);
        assertThat(config(m).getRateLimitPerEmail()).isEqualTo(3);
        m.put("stytchSessionDurationMinutes", "4");
        assertThatThrownBy(() -> config(m).getSessionDurationMinutes()).hasMessageContaining("between 5 and 527040");
        m.put("stytchSessionDurationMinutes", "sixty");
        assertThatThrownBy(() -> config(m).getSessionDurationMinutes()).hasMessageContaining("whole number");
        m.put("stytchSessionDurationMinutes", "480");
        assertThat(config(m).getSessionDurationMinutes()).isEqualTo(480);
    }

    @Test
    void honourMfaDefaultsToTrue() {
        Map<String, String> m = valid();
        assertThat(config(m).isHonourMfa()).isTrue();
        m.put("stytchHonourMfa", "false");
        assertThat(config(m).isHonourMfa()).isFalse();
    }

    @Test
    void validationNamesTheMissingSetting() {
        Map<String, String> m = valid();
        config(m).validateStytchSettings();
        m.put("stytchOrganizationMode", "pinned");
        assertThatThrownBy(() -> config(m).validateStytchSettings()).hasMessageContaining("stytchOrganization");
        m.put("stytchOrganization", "northwind");
        assertThatThrownBy(() -> config(m).validateStytchSettings()).as("pinned by slug").hasMessageContaining("not its slug");
        m.put("stytchOrganization", "organization-test-11111111-1111-4111-8111-111111111111");
        m.put("stytchLoginMethods", "sso");
        assertThatThrownBy(() -> config(m).validateStytchSettings()).hasMessageContaining("stytchPublicToken");
        m.put("stytchPublicToken", "public-token-test-1");
        config(m).validateStytchSettings();
        m.remove("clientSecret");
        assertThatThrownBy(() -> config(m).validateStytchSettings()).hasMessageContaining("Client Secret");
        Map<String, String> linked = valid();
        linked.put("stytchLoginMethods", "organization_magic_link");
        assertThatThrownBy(() -> config(linked).validateStytchSettings()).hasMessageContaining("pinned");
    }
}
