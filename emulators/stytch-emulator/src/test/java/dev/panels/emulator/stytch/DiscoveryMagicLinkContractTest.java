package dev.panels.emulator.stytch;

import com.stytch.java.b2b.models.discovery.DiscoveredOrganization;
import com.stytch.java.b2b.models.discoveryintermediatesessions.ExchangeRequest;
import com.stytch.java.b2b.models.discoveryintermediatesessions.ExchangeResponse;
import com.stytch.java.b2b.models.discoveryorganizations.ListRequest;
import com.stytch.java.b2b.models.discoveryorganizations.ListResponse;
import com.stytch.java.b2b.models.magiclinksdiscovery.AuthenticateRequest;
import com.stytch.java.b2b.models.magiclinksdiscovery.AuthenticateResponse;
import com.stytch.java.b2b.models.magiclinksemaildiscovery.SendRequest;
import com.stytch.java.common.ErrorResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovery magic links, organization discovery and intermediate-session exchange, through the real SDK. */
class DiscoveryMagicLinkContractTest extends EmulatorTestBase {

    @Test
    void discoverySendEmailsALinkToTheGivenRedirectUrlKeepingItsQuery() {
        Sdk.ok(client.getMagicLinks().getEmail().getDiscovery()
                .sendCompletable(new SendRequest(Seeded.SAM_EMAIL, Seeded.REDIRECT)));

        DevInbox.SentEmail mail = emu.inbox().latestFor(Seeded.SAM_EMAIL).orElseThrow();
        assertThat(mail.kind()).isEqualTo("discovery_magic_link");
        assertThat(mail.link()).startsWith(Seeded.REDIRECT + "&stytch_token_type=discovery&token=");
        assertThat(Sdk.query(mail.link()).get("token")).hasSizeGreaterThan(30);
    }

    @Test
    void discoverySendWithoutRedirectUsesTheProjectDefault() {
        Sdk.ok(client.getMagicLinks().getEmail().getDiscovery().sendCompletable(new SendRequest(Seeded.RITA_EMAIL)));

        assertThat(emu.inbox().latestFor(Seeded.RITA_EMAIL).orElseThrow().link())
                .startsWith(Seeded.KEYCLOAK_ENDPOINT + "?stytch_token_type=discovery&token=");
    }

    @Test
    void discoverySendRejectsAMalformedEmail() {
        ErrorResponse error = Sdk.error(client.getMagicLinks().getEmail().getDiscovery()
                .sendCompletable(new SendRequest("not-an-email")));

        assertThat(error.getStatusCode()).isEqualTo(400);
        assertThat(error.getErrorType()).isEqualTo("invalid_email");
    }

    @Test
    void discoveryAuthenticateListsEveryOrganizationOfAPersonInTwoOrganizations() {
        AuthenticateResponse response = discover(Seeded.CASEY_EMAIL);

        assertThat(response.getEmailAddress()).isEqualTo(Seeded.CASEY_EMAIL);
        assertThat(response.getIntermediateSessionToken()).isNotBlank();
        assertThat(response.getDiscoveredOrganizations())
                .extracting(d -> d.getOrganization().getOrganizationSlug())
                .containsExactlyInAnyOrder("northwind", "riverside");
        DiscoveredOrganization northwind = response.getDiscoveredOrganizations().stream()
                .filter(d -> d.getOrganization().getOrganizationId().equals(Seeded.NORTHWIND)).findFirst().orElseThrow();
        assertThat(northwind.getMembership().getType()).isEqualTo("active_member");
        assertThat(northwind.getMembership().getMember().getMemberId()).isEqualTo(Seeded.CASEY_NORTHWIND);
        assertThat(northwind.getMemberAuthenticated()).isFalse();
        assertThat(northwind.getMfaRequired()).as("Northwind requires MFA for all").isNotNull();
        assertThat(northwind.getOrganization().getTrustedMetadata())
                .containsEntry("medplum", Map.of("project_id", "medplum-project-northwind"));
    }

    @Test
    void aUsedDiscoveryLinkCannotBeUsedAgain() {
        String token = discoveryToken(Seeded.BEN_EMAIL);
        Sdk.ok(client.getMagicLinks().getDiscovery().authenticateCompletable(new AuthenticateRequest(token)));

        ErrorResponse error = Sdk.error(client.getMagicLinks().getDiscovery()
                .authenticateCompletable(new AuthenticateRequest(token)));

        assertThat(error.getStatusCode()).isEqualTo(401);
        assertThat(error.getErrorType()).isEqualTo("unable_to_auth_magic_link");
        assertThat(error.getErrorUrl()).isNotBlank();
        assertThat(error.getRequestId()).startsWith("request-id-test-");
    }

    @Test
    void anUnknownDiscoveryTokenIsNotFound() {
        ErrorResponse error = Sdk.error(client.getMagicLinks().getDiscovery()
                .authenticateCompletable(new AuthenticateRequest("no-such-token")));

        assertThat(error.getStatusCode()).isEqualTo(404);
        assertThat(error.getErrorType()).isEqualTo("magic_link_not_found");
    }

    @Test
    void discoveredOrganizationsCanBeListedAgainWithTheIntermediateSession() {
        String ist = discover(Seeded.CASEY_EMAIL).getIntermediateSessionToken();

        ListResponse list = Sdk.ok(client.getDiscovery().getOrganizations().listCompletable(new ListRequest(ist)));

        assertThat(list.getEmailAddress()).isEqualTo(Seeded.CASEY_EMAIL);
        assertThat(list.getDiscoveredOrganizations()).hasSize(2);
    }

    @Test
    void exchangingIntoAnOrganizationWithoutMfaGivesAFullSession() {
        ExchangeResponse session = sessionIn(Seeded.CASEY_EMAIL, Seeded.RIVERSIDE);

        assertThat(session.getMemberAuthenticated()).isTrue();
        assertThat(session.getMemberId()).isEqualTo(Seeded.CASEY_RIVERSIDE);
        assertThat(session.getSessionToken()).isNotBlank();
        assertThat(session.getSessionJWT()).isNotBlank();
        assertThat(session.getIntermediateSessionToken()).isEmpty();
        assertThat(session.getMemberSession()).isNotNull();
        assertThat(session.getMemberSession().getOrganizationSlug()).isEqualTo("riverside");
        assertThat(session.getMemberSession().getRoles()).containsExactly("stytch_member", "panels-builder");
        assertThat(session.getMemberSession().getAuthenticationFactors()).hasSize(1);
        assertThat(session.getOrganization().getOrganizationId()).isEqualTo(Seeded.RIVERSIDE);
    }

    @Test
    void exchangingIntoAnOrganizationThatRequiresMfaGivesAnIntermediateSessionAndMfaRequired() {
        String ist = discover(Seeded.ADA_EMAIL).getIntermediateSessionToken();

        ExchangeResponse response = Sdk.ok(client.getDiscovery().getIntermediateSessions()
                .exchangeCompletable(new ExchangeRequest(ist, Seeded.NORTHWIND)));

        assertThat(response.getMemberAuthenticated()).isFalse();
        assertThat(response.getSessionToken()).isEmpty();
        assertThat(response.getMemberSession()).isNull();
        assertThat(response.getIntermediateSessionToken()).isNotBlank().isNotEqualTo(ist);
        assertThat(response.getMfaRequired()).isNotNull();
        assertThat(response.getMfaRequired().getMemberOptions().getMfaPhoneNumber()).isEqualTo("+15555550101");
        assertThat(response.getMfaRequired().getSecondaryAuthInitiated()).isEqualTo("sms_otp");
        assertThat(emu.inbox().latestFor(Seeded.ADA_EMAIL).orElseThrow().code()).matches("[0-9]{6}");
    }

    @Test
    void anIntermediateSessionIsUsedUpByASuccessfulExchange() {
        String ist = discover(Seeded.RITA_EMAIL).getIntermediateSessionToken();
        Sdk.ok(client.getDiscovery().getIntermediateSessions().exchangeCompletable(new ExchangeRequest(ist, Seeded.RIVERSIDE)));

        ErrorResponse error = Sdk.error(client.getDiscovery().getIntermediateSessions()
                .exchangeCompletable(new ExchangeRequest(ist, Seeded.RIVERSIDE)));

        assertThat(error.getStatusCode()).isEqualTo(404);
        assertThat(error.getErrorType()).isEqualTo("intermediate_session_not_found");
    }

    @Test
    void exchangingIntoAnOrganizationThePersonIsNotAMemberOfFails() {
        String ist = discover(Seeded.BEN_EMAIL).getIntermediateSessionToken();

        ErrorResponse error = Sdk.error(client.getDiscovery().getIntermediateSessions()
                .exchangeCompletable(new ExchangeRequest(ist, Seeded.RIVERSIDE)));

        assertThat(error.getStatusCode()).isEqualTo(404);
        assertThat(error.getErrorType()).isEqualTo("member_not_found");
    }

    @Test
    void exchangingIntoAnUnknownOrganizationFails() {
        String ist = discover(Seeded.CASEY_EMAIL).getIntermediateSessionToken();

        ErrorResponse error = Sdk.error(client.getDiscovery().getIntermediateSessions()
                .exchangeCompletable(new ExchangeRequest(ist, "organization-test-does-not-exist")));

        assertThat(error.getStatusCode()).isEqualTo(404);
        assertThat(error.getErrorType()).isEqualTo("organization_not_found");
    }

    @Test
    void anUnknownIntermediateSessionIsNotFound() {
        ErrorResponse error = Sdk.error(client.getDiscovery().getOrganizations()
                .listCompletable(new ListRequest("no-such-intermediate-session")));

        assertThat(error.getErrorType()).isEqualTo("intermediate_session_not_found");
    }
}
