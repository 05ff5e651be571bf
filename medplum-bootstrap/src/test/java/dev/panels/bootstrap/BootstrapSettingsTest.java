package dev.panels.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootstrapSettingsTest {

    private static Map<String, String> complete() {
        Map<String, String> env = new HashMap<>();
        env.put("MEDPLUM_BASE_URL", "https://api.medplum.example/");
        env.put("PANELS_KEYCLOAK_ISSUER", "https://login.example.org/realms/panels");
        env.put("STYTCH_PROJECT_ID", "project-test-1");
        env.put("STYTCH_SECRET", "secret-test-1");
        env.put("MEDPLUM_BOOTSTRAP_ORGANIZATIONS", "northwind");
        env.put("STYTCH_ORG_NORTHWIND", "organization-test-1");
        env.put("MEDPLUM_PROJECT_NORTHWIND", "project-1");
        env.put("MEDPLUM_ADMIN_CLIENT_NORTHWIND", "admin-client");
        env.put("MEDPLUM_ADMIN_SECRET_NORTHWIND", "admin-secret");
        return env;
    }

    @Test
    void readsEachOrganizationFromItsKeyedVariablesAndTheRealmFromTheIssuer() {
        BootstrapSettings settings = BootstrapSettings.fromEnvironment(complete());

        assertThat(settings.realmName()).isEqualTo("panels");
        assertThat(settings.medplumBaseUrl()).hasToString("https://api.medplum.example");
        assertThat(settings.keycloakEndpoint("userinfo")).isEqualTo("https://login.example.org/realms/panels/protocol/openid-connect/userinfo");
        assertThat(settings.organizations()).singleElement().satisfies(org -> {
            assertThat(org.key()).isEqualTo("NORTHWIND");
            assertThat(org.medplumProject()).isEqualTo("project-1");
            assertThat(org.exchangeClientId()).as("optional: created when absent").isNull();
        });
    }

    @Test
    void listsEveryMissingOrMalformedVariableAtOnceWithoutEchoingSecrets() {
        Map<String, String> env = complete();
        env.remove("MEDPLUM_ADMIN_SECRET_NORTHWIND");
        env.put("PANELS_KEYCLOAK_ISSUER", "https://login.example.org/auth");
        env.put("MEDPLUM_BASE_URL", "ftp://x");
        env.put("STYTCH_SECRET", "   ");

        assertThatThrownBy(() -> BootstrapSettings.fromEnvironment(env)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MEDPLUM_ADMIN_SECRET_NORTHWIND is required")
                .hasMessageContaining("PANELS_KEYCLOAK_ISSUER must be a realm URL")
                .hasMessageContaining("MEDPLUM_BASE_URL must be an http(s) URL")
                .hasMessageContaining("STYTCH_SECRET is required")
                .hasMessageNotContaining("admin-secret");
    }

    @Test
    void anOrganizationKeyMustBeAPlainName() {
        Map<String, String> env = complete();
        env.put("MEDPLUM_BOOTSTRAP_ORGANIZATIONS", "northwind,../etc");

        assertThatThrownBy(() -> BootstrapSettings.fromEnvironment(env)).hasMessageContaining("'../etc' is not a key");
    }

    @Test
    void namesComeFromStytchOrTheEmailSoMedplumAlwaysGetsAFirstAndLastName() {
        assertThat(OrganizationSetup.names(new StytchMembers.Member("m1", "a@x.org", "Mary Ann Smith", "active")))
                .containsExactly("Mary Ann", "Smith");
        assertThat(OrganizationSetup.names(new StytchMembers.Member("m1", "ada@x.org", "", "active")))
                .containsExactly("ada", "(Stytch member)");
        assertThat(OrganizationSetup.names(new StytchMembers.Member("m1", null, null, "active")))
                .containsExactly("m1", "(Stytch member)");
    }
}
