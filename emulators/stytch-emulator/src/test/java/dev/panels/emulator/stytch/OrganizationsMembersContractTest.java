package dev.panels.emulator.stytch;

import com.stytch.java.b2b.models.organizations.GetRequest;
import com.stytch.java.b2b.models.organizations.Organization;
import com.stytch.java.b2b.models.organizations.SearchQuery;
import com.stytch.java.b2b.models.organizations.SearchQueryOperator;
import com.stytch.java.b2b.models.organizationsmembers.SearchRequest;
import com.stytch.java.b2b.models.organizationsmembers.SearchResponse;
import com.stytch.java.common.ErrorResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Organization and member reads through the real SDK (the calls the identity provider and the app make). */
class OrganizationsMembersContractTest extends EmulatorTestBase {

    @Test
    void getOrganizationReturnsTheSeededSettingsRolesAndTrustedMetadata() {
        Organization org = Sdk.ok(client.getOrganizations().getCompletable(new GetRequest(Seeded.NORTHWIND)))
                .getOrganization();

        assertThat(org.getOrganizationName()).isEqualTo("Northwind Clinic");
        assertThat(org.getOrganizationSlug()).isEqualTo("northwind");
        assertThat(org.getMfaPolicy()).isEqualTo("REQUIRED_FOR_ALL");
        assertThat(org.getAllowedMfaMethods()).containsExactlyInAnyOrder("sms_otp", "totp");
        assertThat(org.getCustomRoles()).extracting(r -> r.getRoleId())
                .containsExactlyInAnyOrder("panels-admin", "panels-builder", "panels-user");
        assertThat(org.getTrustedMetadata()).containsEntry("medplum", Map.of("project_id", "medplum-project-northwind"));
    }

    @Test
    void riversideHasItsSsoConnection() {
        Organization org = Sdk.ok(client.getOrganizations().getCompletable(new GetRequest(Seeded.RIVERSIDE)))
                .getOrganization();

        assertThat(org.getSsoActiveConnections()).singleElement().satisfies(c -> {
            assertThat(c.getConnectionId()).isEqualTo(Seeded.SSO_CONNECTION);
            assertThat(c.getDisplayName()).isEqualTo("Riverside Okta");
        });
        assertThat(org.getMfaPolicy()).isEqualTo("OPTIONAL");
    }

    @Test
    void anUnknownOrganizationIsNotFound() {
        ErrorResponse error = Sdk.error(client.getOrganizations()
                .getCompletable(new GetRequest("organization-test-missing")));

        assertThat(error.getStatusCode()).isEqualTo(404);
        assertThat(error.getErrorType()).isEqualTo("organization_not_found");
    }

    @Test
    void getMemberReturnsRolesWithSources() {
        var member = Sdk.ok(client.getOrganizations().getMembers().getCompletable(
                new com.stytch.java.b2b.models.organizationsmembers.GetRequest(Seeded.NORTHWIND, Seeded.ADA)))
                .getMember();

        assertThat(member.getEmailAddress()).isEqualTo(Seeded.ADA_EMAIL);
        assertThat(member.isAdmin()).isTrue();
        assertThat(member.getMfaPhoneNumber()).isEqualTo("+15555550101");
        assertThat(member.getTotpRegistrationId()).isNotBlank();
        assertThat(member.getRoles()).extracting(r -> r.getRoleId())
                .containsExactly("stytch_member", "stytch_admin", "panels-admin");
        assertThat(member.getRoles().get(0).getSources()).isNotEmpty();
    }

    @Test
    void aMemberOfAnotherOrganizationIsNotFoundThere() {
        ErrorResponse error = Sdk.error(client.getOrganizations().getMembers().getCompletable(
                new com.stytch.java.b2b.models.organizationsmembers.GetRequest(Seeded.RIVERSIDE, Seeded.ADA)));

        assertThat(error.getStatusCode()).isEqualTo(404);
        assertThat(error.getErrorType()).isEqualTo("member_not_found");
    }

    @Test
    void memberSearchListsAnOrganizationsMembersWithTheirOrganization() {
        SearchResponse result = Sdk.ok(client.getOrganizations().getMembers()
                .searchCompletable(new SearchRequest(List.of(Seeded.RIVERSIDE)), null));

        assertThat(result.getMembers()).extracting(m -> m.getEmailAddress())
                .containsExactlyInAnyOrder(Seeded.RITA_EMAIL, Seeded.SAM_EMAIL, Seeded.CASEY_EMAIL);
        assertThat(result.getResultsMetadata().getTotal()).isEqualTo(3);
        assertThat(result.getOrganizations()).containsOnlyKeys(Seeded.RIVERSIDE);
    }

    @Test
    void memberSearchFiltersByEmailAcrossOrganizations() {
        SearchQuery query = new SearchQuery(SearchQueryOperator.AND,
                List.of(Map.of("filter_name", "member_emails", "filter_value", List.of(Seeded.CASEY_EMAIL))));

        SearchResponse result = Sdk.ok(client.getOrganizations().getMembers().searchCompletable(
                new SearchRequest(List.of(Seeded.NORTHWIND, Seeded.RIVERSIDE), null, null,
                        query), null));

        assertThat(result.getMembers()).extracting(m -> m.getMemberId())
                .containsExactlyInAnyOrder(Seeded.CASEY_NORTHWIND, Seeded.CASEY_RIVERSIDE);
    }

    @Test
    void memberSearchPagesWithACursor() {
        SearchResponse first = Sdk.ok(client.getOrganizations().getMembers()
                .searchCompletable(new SearchRequest(List.of(Seeded.NORTHWIND), null, 2L), null));
        SearchResponse second = Sdk.ok(client.getOrganizations().getMembers().searchCompletable(
                new SearchRequest(List.of(Seeded.NORTHWIND), first.getResultsMetadata().getNextCursor(), 2L), null));

        assertThat(first.getMembers()).hasSize(2);
        assertThat(second.getMembers()).hasSize(1);
        assertThat(second.getResultsMetadata().getNextCursor()).isNull();
    }

    @Test
    void memberSearchWithAnUnknownFilterIsABadRequest() {
        SearchQuery query = new SearchQuery(SearchQueryOperator.AND,
                List.of(Map.of("filter_name", "shoe_size", "filter_value", List.of("44"))));

        ErrorResponse error = Sdk.error(client.getOrganizations().getMembers().searchCompletable(
                new SearchRequest(List.of(Seeded.NORTHWIND), null, null, query), null));

        assertThat(error.getStatusCode()).isEqualTo(400);
        assertThat(error.getErrorType()).isEqualTo("member_search_filter_name_not_recognized");
    }
}
