package dev.panels.keycloak.stytch.broker;

import dev.panels.keycloak.stytch.client.StytchModels.Organization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker's own rules: organization pinning, and names as Keycloak stores them. */
class OrganizationPolicyTest {

    private static final Organization NORTHWIND = new Organization("organization-test-1", "Northwind <Clinic>", "northwind",
            "REQUIRED_FOR_ALL", Map.of("region", "eu"), List.of());

    @Test
    void namesSplitAtTheLastSpace() {
        assertThat(CompletionStep.splitName("Ada Admin")).containsExactly("Ada", "Admin");
        assertThat(CompletionStep.splitName("Mary Ann  van Dyke")).containsExactly("Mary Ann  van", "Dyke");
        assertThat(CompletionStep.splitName("Cher")).containsExactly("Cher", null);
        assertThat(CompletionStep.splitName("  ")).containsExactly(null, null);
    }

    @Test
    void pinnedOrganizationMatchesIdOrSlugButNotName() {
        assertThat(OrganizationPolicy.pinnedMatches("organization-test-1", NORTHWIND)).isTrue();
        assertThat(OrganizationPolicy.pinnedMatches("northwind", NORTHWIND)).as("a slug can be renamed and reused").isFalse();
        assertThat(OrganizationPolicy.pinnedMatches("Northwind <Clinic>", NORTHWIND)).isFalse();
        assertThat(OrganizationPolicy.pinnedMatches("riverside", NORTHWIND)).isFalse();
        assertThat(OrganizationPolicy.pinnedMatches(null, NORTHWIND)).isFalse();
    }
}
