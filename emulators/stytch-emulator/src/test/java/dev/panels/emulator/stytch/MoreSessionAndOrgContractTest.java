package dev.panels.emulator.stytch;

import com.stytch.java.b2b.models.discoveryintermediatesessions.ExchangeResponse;
import com.stytch.java.b2b.models.discoveryorganizations.ListRequest;
import com.stytch.java.b2b.models.organizations.SearchQuery;
import com.stytch.java.b2b.models.organizations.SearchQueryOperator;
import com.stytch.java.b2b.models.organizations.SearchRequest;
import com.stytch.java.b2b.models.organizationsmembers.DangerouslyGetRequest;
import com.stytch.java.b2b.models.sessions.AuthenticateRequest;
import com.stytch.java.b2b.models.sessions.ExchangeRequest;
import com.stytch.java.common.ErrorResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Session exchange between organizations, discovery with a member session, organization search, get by member id. */
class MoreSessionAndOrgContractTest extends EmulatorTestBase {

    @Test
    void aSessionCanBeExchangedIntoAnotherOrganizationOfTheSamePerson() {
        ExchangeResponse riverside = sessionIn(Seeded.CASEY_EMAIL, Seeded.RIVERSIDE);

        var northwind = Sdk.ok(client.getSessions().exchangeCompletable(
                new ExchangeRequest(Seeded.NORTHWIND, riverside.getSessionToken())));

        assertThat(northwind.getMemberId()).isEqualTo(Seeded.CASEY_NORTHWIND);
        assertThat(northwind.getMemberAuthenticated()).as("Northwind still asks for MFA").isFalse();
        assertThat(northwind.getMfaRequired()).isNotNull();
        assertThat(Sdk.error(client.getSessions().authenticateCompletable(
                new AuthenticateRequest(riverside.getSessionToken()))).getErrorType())
                .as("the old session ended").isEqualTo("session_not_found");
    }

    @Test
    void discoveryWithAMemberSessionMarksThatOrganizationAuthenticated() {
        ExchangeResponse riverside = sessionIn(Seeded.CASEY_EMAIL, Seeded.RIVERSIDE);

        var list = Sdk.ok(client.getDiscovery().getOrganizations()
                .listCompletable(new ListRequest(null, riverside.getSessionToken())));

        assertThat(list.getDiscoveredOrganizations()).hasSize(2).allSatisfy(d ->
                assertThat(d.getMemberAuthenticated())
                        .isEqualTo(d.getOrganization().getOrganizationId().equals(Seeded.RIVERSIDE)));
    }

    @Test
    void organizationSearchFindsBySlugAndByMemberEmail() {
        var bySlug = Sdk.ok(client.getOrganizations().searchCompletable(new SearchRequest(null, null,
                new SearchQuery(SearchQueryOperator.AND,
                        List.of(Map.of("filter_name", "organization_slugs", "filter_value", List.of("riverside")))))));
        var byMember = Sdk.ok(client.getOrganizations().searchCompletable(new SearchRequest(null, null,
                new SearchQuery(SearchQueryOperator.OR,
                        List.of(Map.of("filter_name", "member_emails", "filter_value", List.of(Seeded.ADA_EMAIL)))))));

        assertThat(bySlug.getOrganizations()).extracting(o -> o.getOrganizationId()).containsExactly(Seeded.RIVERSIDE);
        assertThat(byMember.getOrganizations()).extracting(o -> o.getOrganizationId()).containsExactly(Seeded.NORTHWIND);
        assertThat(byMember.getResultsMetadata().getTotal()).isEqualTo(1);
    }

    @Test
    void aMemberCanBeReadByIdAlone() {
        var response = Sdk.ok(client.getOrganizations().getMembers()
                .dangerouslyGetCompletable(new DangerouslyGetRequest(Seeded.RITA)));

        assertThat(response.getMember().getEmailAddress()).isEqualTo(Seeded.RITA_EMAIL);
        assertThat(response.getOrganization().getOrganizationId()).isEqualTo(Seeded.RIVERSIDE);
        ErrorResponse missing = Sdk.error(client.getOrganizations().getMembers()
                .dangerouslyGetCompletable(new DangerouslyGetRequest("member-test-missing")));
        assertThat(missing.getErrorType()).isEqualTo("member_not_found");
    }

    @Test
    void aSignedInMemberCanRegisterAnAuthenticatorApp() {
        ExchangeResponse sam = sessionIn(Seeded.SAM_EMAIL, Seeded.RIVERSIDE);

        var created = Sdk.ok(client.getTotps().createCompletable(new com.stytch.java.b2b.models.totps.CreateRequest(
                Seeded.RIVERSIDE, Seeded.SAM, null, null, sam.getSessionToken())));

        assertThat(created.getSecret()).matches("[A-Z2-7]{32}");
        assertThat(created.getRecoveryCodes()).hasSize(10);
        assertThat(created.getMember().getTotpRegistrationId()).isEqualTo(created.getTotpRegistrationId());
        ErrorResponse again = Sdk.error(client.getTotps().createCompletable(
                new com.stytch.java.b2b.models.totps.CreateRequest(Seeded.RIVERSIDE, Seeded.SAM, null, null,
                        sam.getSessionToken())));
        assertThat(again.getErrorType()).isEqualTo("active_totp_exists");
    }
}
