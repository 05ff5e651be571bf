package dev.panels.keycloak.stytch.broker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StytchEndpointLimitsTest {

    @Test
    void aFieldOrStateLongerThanAnyRealOneIsRefusedBeforeItIsUsed() {
        assertThat(StytchEndpoint.oversized("s".repeat(StytchEndpoint.MAX_STATE), "ada@northwind.example", null)).isFalse();
        assertThat(StytchEndpoint.oversized("s".repeat(StytchEndpoint.MAX_STATE + 1))).isTrue();
        assertThat(StytchEndpoint.oversized("state", "a".repeat(StytchEndpoint.MAX_FIELD + 1) + "@x.example")).isTrue();
        assertThat(StytchEndpoint.oversized(null, (String) null)).isFalse();
    }
}
