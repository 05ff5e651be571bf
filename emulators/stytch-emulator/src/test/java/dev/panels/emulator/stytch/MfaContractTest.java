package dev.panels.emulator.stytch;

import com.stytch.java.b2b.models.discoveryintermediatesessions.ExchangeRequest;
import com.stytch.java.b2b.models.discoveryintermediatesessions.ExchangeResponse;
import com.stytch.java.b2b.models.otpsms.AuthenticateRequest;
import com.stytch.java.b2b.models.otpsms.AuthenticateResponse;
import com.stytch.java.b2b.models.otpsms.SendRequest;
import com.stytch.java.b2b.models.organizationsmembers.GetRequest;
import com.stytch.java.common.ErrorResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** SMS one-time passcodes driven by Northwind's REQUIRED_FOR_ALL policy, through the real SDK. */
class MfaContractTest extends EmulatorTestBase {

    private ExchangeResponse mfaPending(String email) {
        String ist = discover(email).getIntermediateSessionToken();
        ExchangeResponse pending = Sdk.ok(client.getDiscovery().getIntermediateSessions()
                .exchangeCompletable(new ExchangeRequest(ist, Seeded.NORTHWIND)));
        assertThat(pending.getMemberAuthenticated()).isFalse();
        return pending;
    }

    private String latestCode(String email) {
        return emu.inbox().latestFor(email).orElseThrow().code();
    }

    @Test
    void anAutomaticallySentSmsCodeTurnsTheIntermediateSessionIntoAFullSession() {
        ExchangeResponse pending = mfaPending(Seeded.ADA_EMAIL);
        DevInbox.SentEmail sms = emu.inbox().latestFor(Seeded.ADA_EMAIL).orElseThrow();
        assertThat(sms.kind()).isEqualTo("sms_otp");
        assertThat(sms.phone()).isEqualTo("+15555550101");

        AuthenticateResponse done = Sdk.ok(client.getOtps().getSms().authenticateCompletable(new AuthenticateRequest(
                Seeded.NORTHWIND, Seeded.ADA, sms.code(), pending.getIntermediateSessionToken())));

        assertThat(done.getSessionToken()).isNotBlank();
        assertThat(done.getSessionJWT()).isNotBlank();
        assertThat(done.getMemberSession().getAuthenticationFactors())
                .extracting(f -> f.getType().name()).containsExactly("MAGIC_LINK", "OTP");
        assertThat(done.getMemberSession().getRoles()).contains("stytch_admin", "panels-admin");
    }

    @Test
    void aWrongSmsCodeIsRejected() {
        ExchangeResponse pending = mfaPending(Seeded.ADA_EMAIL);
        String wrong = latestCode(Seeded.ADA_EMAIL).equals("000000") ? "111111" : "000000";

        ErrorResponse error = Sdk.error(client.getOtps().getSms().authenticateCompletable(new AuthenticateRequest(
                Seeded.NORTHWIND, Seeded.ADA, wrong, pending.getIntermediateSessionToken())));

        assertThat(error.getStatusCode()).isEqualTo(401);
        assertThat(error.getErrorType()).isEqualTo("unable_to_auth_otp_code");
    }

    @Test
    void anSmsCodeWorksOnlyOnce() {
        ExchangeResponse pending = mfaPending(Seeded.ADA_EMAIL);
        String code = latestCode(Seeded.ADA_EMAIL);
        Sdk.ok(client.getOtps().getSms().authenticateCompletable(new AuthenticateRequest(
                Seeded.NORTHWIND, Seeded.ADA, code, pending.getIntermediateSessionToken())));
        ExchangeResponse again = mfaPending(Seeded.ADA_EMAIL);
        String newCode = latestCode(Seeded.ADA_EMAIL);
        Sdk.ok(client.getOtps().getSms().authenticateCompletable(new AuthenticateRequest(
                Seeded.NORTHWIND, Seeded.ADA, newCode, again.getIntermediateSessionToken())));

        ErrorResponse error = Sdk.error(client.getOtps().getSms().authenticateCompletable(new AuthenticateRequest(
                Seeded.NORTHWIND, Seeded.ADA, newCode, again.getIntermediateSessionToken())));

        assertThat(error.getStatusCode()).isEqualTo(404);
    }

    @Test
    void anIntermediateSessionOfOneMemberCannotFinishAnotherMembersMfa() {
        ExchangeResponse adaPending = mfaPending(Seeded.ADA_EMAIL);

        ErrorResponse error = Sdk.error(client.getOtps().getSms().sendCompletable(new SendRequest(
                Seeded.NORTHWIND, Seeded.CASEY_NORTHWIND, "+15555550177", null,
                adaPending.getIntermediateSessionToken())));

        assertThat(error.getStatusCode()).isEqualTo(400);
        assertThat(error.getErrorType()).isEqualTo("invalid_intermediate_session_token_for_organization");
    }

    @Test
    void anOrganizationBoundIntermediateSessionCannotBeExchangedIntoAnotherOrganization() {
        ExchangeResponse pending = mfaPending(Seeded.CASEY_EMAIL);

        ErrorResponse error = Sdk.error(client.getDiscovery().getIntermediateSessions()
                .exchangeCompletable(new ExchangeRequest(pending.getIntermediateSessionToken(), Seeded.RIVERSIDE)));

        assertThat(error.getStatusCode()).isEqualTo(400);
        assertThat(error.getErrorType()).isEqualTo("invalid_intermediate_session_token_for_organization");
    }

    @Test
    void aMemberWithoutASecondFactorEnrollsAPhoneDuringLogin() {
        ExchangeResponse pending = mfaPending(Seeded.BEN_EMAIL);
        assertThat(pending.getMfaRequired()).isNotNull();
        assertThat(pending.getMfaRequired().getMemberOptions()).isNull();
        assertThat(pending.getMfaRequired().getSecondaryAuthInitiated()).isNull();

        Sdk.ok(client.getOtps().getSms().sendCompletable(new SendRequest(Seeded.NORTHWIND, Seeded.BEN,
                "+15555550102", null, pending.getIntermediateSessionToken())));
        AuthenticateResponse done = Sdk.ok(client.getOtps().getSms().authenticateCompletable(new AuthenticateRequest(
                Seeded.NORTHWIND, Seeded.BEN, latestCode(Seeded.BEN_EMAIL), pending.getIntermediateSessionToken(),
                null, null, null, null, "enroll", true)));

        assertThat(done.getSessionToken()).isNotBlank();
        var ben = Sdk.ok(client.getOrganizations().getMembers()
                .getCompletable(new GetRequest(Seeded.NORTHWIND, Seeded.BEN))).getMember();
        assertThat(ben.getMfaPhoneNumber()).isEqualTo("+15555550102");
        assertThat(ben.getMfaPhoneNumberVerified()).isTrue();
        assertThat(ben.getMfaEnrolled()).isTrue();
        assertThat(ben.getDefaultMfaMethod()).isEqualTo("sms_otp");
    }

    @Test
    void enrollingAPhoneWithoutAPrimaryLoginIsRefused() {
        ErrorResponse error = Sdk.error(client.getOtps().getSms().sendCompletable(
                new SendRequest(Seeded.NORTHWIND, Seeded.CASEY_NORTHWIND, "+15555550103")));

        assertThat(error.getStatusCode()).isEqualTo(400);
        assertThat(error.getErrorType()).isEqualTo("action_available_only_once_primary_authentication_is_met");
    }

    @Test
    void anInvalidPhoneNumberIsRejected() {
        ExchangeResponse pending = mfaPending(Seeded.CASEY_EMAIL);

        ErrorResponse error = Sdk.error(client.getOtps().getSms().sendCompletable(new SendRequest(
                Seeded.NORTHWIND, Seeded.CASEY_NORTHWIND, "555-0101", null, pending.getIntermediateSessionToken())));

        assertThat(error.getErrorType()).isEqualTo("invalid_phone_number");
    }
}
