package dev.panels.keycloak.stytch.mappers;

import dev.panels.keycloak.stytch.client.StytchModels.Member;
import dev.panels.keycloak.stytch.client.StytchModels.Organization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StytchMappingTest {

    private static final Member ADA = new Member("member-test-ada", "organization-test-1", "ada.admin@northwind.example", true,
            "Ada Admin", "active", List.of("stytch_member", "stytch_admin", "panels-admin"),
            Map.of("department", "cardiology", "npi", 1234567890L, "teams", List.of("icu", "er"),
                    "nested", Map.of("a.b", "dotted", "deep", Map.of("x", true))),
            Map.of("theme", "dark"), "+15555550101", true, "totp-1", "ext-7");
    private static final Organization NORTHWIND = new Organization("organization-test-1", "Northwind <Clinic>", "northwind",
            "REQUIRED_FOR_ALL", Map.of("region", "eu"), List.of());

    private static StytchClaims claims() {
        // through JSON, as after Keycloak's first-broker-login serialization
        return StytchClaims.parse(StytchClaims.of(ADA, NORTHWIND).toJson());
    }

    @Test
    void rolesSurviveTheJsonRoundTrip() {
        assertThat(claims().roles()).containsExactly("stytch_member", "stytch_admin", "panels-admin");
        assertThat(claims().organizationId()).isEqualTo("organization-test-1");
    }

    @Test
    void roleMapperGrantsOnAnyConfiguredRoleAndNotOtherwise() {
        List<String> roles = claims().roles();
        assertThat(StytchRoleMapper.holdsAny(roles, "panels-admin")).isTrue();
        assertThat(StytchRoleMapper.holdsAny(roles, "panels-builder##stytch_admin")).isTrue();
        assertThat(StytchRoleMapper.holdsAny(roles, "panels-builder, panels-user")).isFalse();
        assertThat(StytchRoleMapper.holdsAny(roles, "panels")).isFalse();
        assertThat(StytchRoleMapper.holdsAny(roles, "")).isFalse();
        assertThat(StytchRoleMapper.holdsAny(roles, null)).isFalse();
        assertThat(StytchRoleMapper.holdsAny(List.of(), "panels-admin")).isFalse();
    }

    @Test
    void attributePathsReachMemberOrganizationAndTrustedMetadata() {
        String json = StytchClaims.of(ADA, NORTHWIND).toJson();
        assertThat(StytchAttributeMapper.valuesFor(json, "member.member_id")).containsExactly("member-test-ada");
        assertThat(StytchAttributeMapper.valuesFor(json, "member.trusted_metadata.department")).containsExactly("cardiology");
        assertThat(StytchAttributeMapper.valuesFor(json, "member.trusted_metadata.npi")).containsExactly("1234567890");
        assertThat(StytchAttributeMapper.valuesFor(json, "member.trusted_metadata.teams")).containsExactly("icu", "er");
        assertThat(StytchAttributeMapper.valuesFor(json, "member.trusted_metadata.nested[\"a.b\"]")).containsExactly("dotted");
        assertThat(StytchAttributeMapper.valuesFor(json, "member.trusted_metadata.nested.deep.x")).containsExactly("true");
        assertThat(StytchAttributeMapper.valuesFor(json, "organization.organization_slug")).containsExactly("northwind");
        assertThat(StytchAttributeMapper.valuesFor(json, "organization.trusted_metadata.region")).containsExactly("eu");
        assertThat(StytchAttributeMapper.valuesFor(json, "organization.organization_name")).containsExactly("Northwind <Clinic>");
    }

    @Test
    void objectsAndMissingPathsGiveNoValue() {
        String json = StytchClaims.of(ADA, NORTHWIND).toJson();
        assertThat(StytchAttributeMapper.valuesFor(json, "member.trusted_metadata.nested")).isEmpty();
        assertThat(StytchAttributeMapper.valuesFor(json, "member.trusted_metadata.missing")).isEmpty();
        assertThat(StytchAttributeMapper.valuesFor(json, "member.name.first")).isEmpty();
        assertThat(StytchAttributeMapper.valuesFor(json, "")).isEmpty();
    }

    @Test
    void claimsCarryNoSecrets() {
        String json = StytchClaims.of(ADA, NORTHWIND).toJson();
        assertThat(json).doesNotContain("session_token", "session_jwt", "intermediate_session_token", "totp-1");
    }
}
