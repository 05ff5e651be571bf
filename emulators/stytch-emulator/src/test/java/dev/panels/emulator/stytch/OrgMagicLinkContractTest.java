package dev.panels.emulator.stytch;

import com.stytch.java.b2b.models.magiclinks.AuthenticateRequest;
import com.stytch.java.b2b.models.magiclinks.AuthenticateResponse;
import com.stytch.java.b2b.models.magiclinksemail.LoginOrSignupRequest;
import com.stytch.java.b2b.models.magiclinksemail.LoginOrSignupResponse;
import com.stytch.java.b2b.models.organizations.CreateRequest;
import com.stytch.java.common.ErrorResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Organization-scoped login-or-signup magic links, through the real SDK. */
class OrgMagicLinkContractTest extends EmulatorTestBase {

    private String sendLogin(String org, String email, String loginUrl, String signupUrl) {
        Sdk.ok(client.getMagicLinks().getEmail().loginOrSignupCompletable(
                new LoginOrSignupRequest(org, email, loginUrl, signupUrl)));
        return emu.inbox().latestFor(email).orElseThrow().link();
    }

    @Test
    void aMembersLoginLinkGoesToTheLoginUrlAndGivesASession() {
        String link = sendLogin(Seeded.RIVERSIDE, Seeded.SAM_EMAIL, LOGIN_A_B, null);
        assertThat(link).startsWith(LOGIN_A_B + "&stytch_token_type=multi_tenant_magic_links&token=");

        AuthenticateResponse response = Sdk.ok(client.getMagicLinks()
                .authenticateCompletable(new AuthenticateRequest(Sdk.query(link).get("token"))));

        assertThat(response.getMemberAuthenticated()).isTrue();
        assertThat(response.getMemberId()).isEqualTo(Seeded.SAM);
        assertThat(response.getMethodId()).startsWith("email-test-");
        assertThat(response.getMemberSession().getOrganizationSlug()).isEqualTo("riverside");
    }

    @Test
    void aLoginLinkWorksOnce() {
        String token = Sdk.query(sendLogin(Seeded.RIVERSIDE, Seeded.RITA_EMAIL, null, null)).get("token");
        Sdk.ok(client.getMagicLinks().authenticateCompletable(new AuthenticateRequest(token)));

        ErrorResponse error = Sdk.error(client.getMagicLinks().authenticateCompletable(new AuthenticateRequest(token)));

        assertThat(error.getStatusCode()).isEqualTo(401);
        assertThat(error.getErrorType()).isEqualTo("unable_to_auth_magic_link");
    }

    @Test
    void aLoginLinkIntoAnMfaOrganizationAsksForTheSecondFactor() {
        String token = Sdk.query(sendLogin(Seeded.NORTHWIND, Seeded.ADA_EMAIL, null, null)).get("token");

        AuthenticateResponse response = Sdk.ok(client.getMagicLinks()
                .authenticateCompletable(new AuthenticateRequest(token)));

        assertThat(response.getMemberAuthenticated()).isFalse();
        assertThat(response.getIntermediateSessionToken()).isNotBlank();
        assertThat(response.getMfaRequired()).isNotNull();
    }

    @Test
    void aDiscoveryTokenIsNotAnOrganizationLoginToken() {
        String discoveryToken = discoveryToken(Seeded.SAM_EMAIL);

        ErrorResponse error = Sdk.error(client.getMagicLinks()
                .authenticateCompletable(new AuthenticateRequest(discoveryToken)));

        assertThat(error.getErrorType()).isEqualTo("magic_link_not_found");
    }

    @Test
    void anEmailThatMayNotJoinGetsNoLink() {
        ErrorResponse error = Sdk.error(client.getMagicLinks().getEmail().loginOrSignupCompletable(
                new LoginOrSignupRequest(Seeded.RIVERSIDE, "stranger@elsewhere.example")));

        assertThat(error.getStatusCode()).isEqualTo(403);
        assertThat(error.getErrorType()).isEqualTo("email_jit_provisioning_not_allowed");
        assertThat(emu.inbox().latestFor("stranger@elsewhere.example")).isEmpty();
    }

    @Test
    void anAllowedDomainSignsUpAPendingMemberWhoBecomesActiveOnLogin() {
        var org = Sdk.ok(client.getOrganizations().createCompletable(new CreateRequest("Lakeside Care", "lakeside",
                null, Map.of(), null, null, List.of("lakeside.example"), "RESTRICTED"))).getOrganization();

        LoginOrSignupResponse sent = Sdk.ok(client.getMagicLinks().getEmail().loginOrSignupCompletable(
                new LoginOrSignupRequest(org.getOrganizationId(), "new.nurse@lakeside.example",
                        LOGIN, SIGNUP)));
        String link = emu.inbox().latestFor("new.nurse@lakeside.example").orElseThrow().link();

        assertThat(sent.getMemberCreated()).isTrue();
        assertThat(sent.getMember().getStatus()).isEqualTo("pending");
        assertThat(link).startsWith(SIGNUP + "?stytch_token_type=multi_tenant_magic_links&token=");
        AuthenticateResponse login = Sdk.ok(client.getMagicLinks()
                .authenticateCompletable(new AuthenticateRequest(Sdk.query(link).get("token"))));
        assertThat(login.getMember().getStatus()).isEqualTo("active");
        assertThat(login.getMember().getRoles()).extracting(r -> r.getRoleId()).containsExactly("stytch_member");
    }
}
