package dev.panels.keycloak.medplum.mapper;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MedplumSettingsTest {

    static final String KEYS = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY";

    /** A config with the sealing keys every valid one has. */
    static Map<String, String> withKeys(String... pairs) {
        Map<String, String> config = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        config.put(MedplumSettings.TOKEN_KEYS, KEYS);
        return config;
    }

    @Test
    void withoutSealingKeysThereIsNoMedplumTokenAtAll() {
        Map<String, String> none = Map.of(MedplumSettings.BASE_URL, "http://x");
        Map<String, String> unresolved = Map.of(MedplumSettings.BASE_URL, "http://x", MedplumSettings.TOKEN_KEYS, "${PANELS_MEDPLUM_TOKEN_KEYS}");

        assertThatThrownBy(() -> MedplumSettings.from(none, v -> v)).hasMessageContaining(MedplumSettings.TOKEN_KEYS + " is required");
        assertThatThrownBy(() -> MedplumSettings.from(unresolved, v -> v)).hasMessageContaining(MedplumSettings.TOKEN_KEYS + ": ");
        assertThat(MedplumSettings.from(withKeys(MedplumSettings.BASE_URL, "http://x"), v -> v).toString()).doesNotContain(KEYS);
    }

    private static final String ORGS = "{\"organization-test-1\": {\"project\": \"p1\", \"clientId\": \"c1\", \"clientSecret\": \"${vault.c1}\"}}";

    @Test
    void parsesClientCredentialsModeAndResolvesSecretsThroughTheVault() {
        MedplumSettings s = MedplumSettings.from(withKeys(MedplumSettings.BASE_URL, "http://127.0.0.1:8210",
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
        Map<String, String> base = withKeys(MedplumSettings.BASE_URL, "http://x");
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
        assertThatThrownBy(() -> MedplumSettings.from(withKeys(), v -> v))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(MedplumSettings.BASE_URL);
        assertThatThrownBy(() -> MedplumSettings.from(withKeys(MedplumSettings.BASE_URL, "http://x",
                MedplumSettings.ORGANIZATIONS, "[1]"), v -> v)).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> MedplumSettings.from(withKeys(MedplumSettings.BASE_URL, "http://x",
                MedplumSettings.ORGANIZATIONS, "{\"o1\": {\"clientId\": \"c1\"}}"), v -> v)).hasMessageContaining("o1 needs project and clientId");
        assertThatThrownBy(() -> MedplumSettings.from(withKeys(MedplumSettings.BASE_URL, "http://x", MedplumSettings.MODE, "client-credentials",
                MedplumSettings.ORGANIZATIONS, "{\"o1\": {\"project\": \"p1\", \"clientId\": \"c1\"}}"), v -> v))
                .hasMessageContaining("o1 needs clientSecret in client-credentials mode");
    }

    @Test
    void oneOrganizationOneClinicalTenantAndClient() {
        assertThatThrownBy(() -> MedplumSettings.from(withKeys(MedplumSettings.BASE_URL, "http://x", MedplumSettings.ORGANIZATIONS,
                "{\"o1\": {\"project\": \"p1\", \"clientId\": \"c1\"}, \"o2\": {\"project\": \"p1\", \"clientId\": \"c2\"}}"), v -> v))
                .hasMessageContaining("o1 and o2 both map to Medplum project p1");
        assertThatThrownBy(() -> MedplumSettings.from(withKeys(MedplumSettings.BASE_URL, "http://x", MedplumSettings.ORGANIZATIONS,
                "{\"o1\": {\"project\": \"p1\", \"clientId\": \"c1\"}, \"o2\": {\"project\": \"p2\", \"clientId\": \"c1\"}}"), v -> v))
                .hasMessageContaining("o1 and o2 both use Medplum client c1");
    }

    @Test
    void tokenExchangeNeedsNoSecretAndTheSubjectTokenIsForMedplumByDefault() {
        MedplumSettings s = MedplumSettings.from(withKeys(MedplumSettings.BASE_URL, "http://x", MedplumSettings.ORGANIZATIONS,
                "{\"o1\": {\"project\": \"p1\", \"clientId\": \"c1\"}}"), v -> v);

        assertThat(s.mode()).isEqualTo(MedplumSettings.Mode.TOKEN_EXCHANGE);
        assertThat(s.organization("o1")).contains(new MedplumSettings.Organization("p1", "c1", null));
        assertThat(s.subjectAudience()).isEqualTo("medplum");
        assertThat(s.organizationNote()).isEqualTo("stytch.organization_id");
        assertThat(s.memberNote()).isEqualTo("stytch.member_id");
    }
}
