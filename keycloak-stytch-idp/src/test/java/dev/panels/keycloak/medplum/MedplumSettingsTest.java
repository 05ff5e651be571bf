package dev.panels.keycloak.medplum;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MedplumSettingsTest {

    private static final String ORGS = "{\"organization-test-1\": {\"project\": \"p1\", \"clientId\": \"c1\", \"clientSecret\": \"${vault.c1}\"}}";

    @Test
    void parsesClientCredentialsModeAndResolvesSecretsThroughTheVault() {
        MedplumSettings s = MedplumSettings.from(Map.of(MedplumSettings.BASE_URL, "http://127.0.0.1:8210",
                MedplumSettings.MODE, "client-credentials", MedplumSettings.ORGANIZATIONS, ORGS),
                v -> v.equals("${vault.c1}") ? "resolved-secret" : v);

        assertThat(s.mode()).isEqualTo(MedplumSettings.Mode.CLIENT_CREDENTIALS);
        assertThat(s.organization("organization-test-1")).get()
                .extracting(MedplumSettings.Organization::clientSecret).isEqualTo("resolved-secret");
        assertThat(s.organization("other")).isEmpty();
        assertThat(s.toString()).doesNotContain("resolved-secret");
        assertThat(s.renewBefore().toSeconds()).isEqualTo(300);
        assertThat(s.practitionerSystem()).isEqualTo("https://panels.dev/practitioner");
    }

    @Test
    void refusesIncompleteConfiguration() {
        assertThatThrownBy(() -> MedplumSettings.from(Map.of(), v -> v))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(MedplumSettings.BASE_URL);
        assertThatThrownBy(() -> MedplumSettings.from(Map.of(MedplumSettings.BASE_URL, "http://x"), v -> v))
                .hasMessageContaining(MedplumSettings.CLIENT_ID);
        assertThatThrownBy(() -> MedplumSettings.from(Map.of(MedplumSettings.BASE_URL, "http://x",
                MedplumSettings.MODE, "client-credentials"), v -> v)).hasMessageContaining(MedplumSettings.ORGANIZATIONS);
        assertThatThrownBy(() -> MedplumSettings.from(Map.of(MedplumSettings.BASE_URL, "http://x",
                MedplumSettings.CLIENT_ID, "c", MedplumSettings.ORGANIZATIONS, "[1]"), v -> v))
                .hasMessageContaining("JSON object");
    }
}
