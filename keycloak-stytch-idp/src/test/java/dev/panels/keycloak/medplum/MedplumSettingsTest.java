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
        assertThat(s.breakerFailures()).isEqualTo(3);
        assertThat(s.breakerOpen().toSeconds()).isEqualTo(30);
    }

    @Test
    void theBreakerCanBeTunedOrTurnedOffButNotNegative() {
        Map<String, String> base = Map.of(MedplumSettings.BASE_URL, "http://x", MedplumSettings.CLIENT_ID, "c");
        java.util.function.Function<Map<String, String>, MedplumSettings> with = extra -> {
            Map<String, String> config = new java.util.HashMap<>(base);
            config.putAll(extra);
            return MedplumSettings.from(config, v -> v);
        };

        assertThat(with.apply(Map.of(MedplumSettings.BREAKER_FAILURES, "0")).breakerFailures()).isZero();
        assertThat(with.apply(Map.of(MedplumSettings.BREAKER_FAILURES, "5", MedplumSettings.BREAKER_OPEN_SECONDS, "120")))
                .satisfies(s -> assertThat(s.breakerFailures()).isEqualTo(5))
                .satisfies(s -> assertThat(s.breakerOpen().toSeconds()).isEqualTo(120));
        assertThatThrownBy(() -> with.apply(Map.of(MedplumSettings.BREAKER_FAILURES, "-1")))
                .hasMessage(MedplumSettings.BREAKER_FAILURES + " must be a whole number, 0 or more");
        assertThatThrownBy(() -> with.apply(Map.of(MedplumSettings.BREAKER_OPEN_SECONDS, "0")))
                .hasMessage(MedplumSettings.BREAKER_OPEN_SECONDS + " must be a positive whole number");
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
