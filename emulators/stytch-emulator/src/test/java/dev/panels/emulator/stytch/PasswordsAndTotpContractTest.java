package dev.panels.emulator.stytch;

import dev.panels.emulator.common.MutableClock;
import com.stytch.java.b2b.models.passwords.AuthenticateRequest;
import com.stytch.java.b2b.models.passwords.AuthenticateResponse;
import com.stytch.java.common.ErrorResponse;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organization-scoped passwords, and TOTP as the second factor after a password, through the real SDK. The emulator
 * runs on a clock the test moves, so each TOTP code is computed for a known 30-second step.
 */
class PasswordsAndTotpContractTest extends EmulatorTestBase {

    private final MutableClock clock = new MutableClock();

    @Override
    Clock clock() {
        return clock;
    }

    private AuthenticateResponse password(String org, String email, String password) {
        return Sdk.ok(client.getPasswords().authenticateCompletable(new AuthenticateRequest(org, email, password)));
    }

    private String adaTotpNow() {
        return Totp.code(Seeded.ADA_TOTP_SECRET, clock.instant());
    }

    @Test
    void theRightPasswordInAnOrganizationWithoutMfaGivesAFullSession() {
        AuthenticateResponse response = password(Seeded.RIVERSIDE, Seeded.RITA_EMAIL, Seeded.RITA_PASSWORD);

        assertThat(response.getMemberAuthenticated()).isTrue();
        assertThat(response.getMemberId()).isEqualTo(Seeded.RITA);
        assertThat(response.getOrganizationId()).isEqualTo(Seeded.RIVERSIDE);
        assertThat(response.getSessionToken()).isNotBlank();
        assertThat(response.getMemberSession().getAuthenticationFactors())
                .singleElement().satisfies(f -> assertThat(f.getType().name()).isEqualTo("PASSWORD"));
    }

    @Test
    void aWrongPasswordIsUnauthorized() {
        ErrorResponse error = Sdk.error(client.getPasswords().authenticateCompletable(
                new AuthenticateRequest(Seeded.RIVERSIDE, Seeded.RITA_EMAIL, "not-ritas-password")));

        assertThat(error.getStatusCode()).isEqualTo(401);
        assertThat(error.getErrorType()).isEqualTo("unauthorized_credentials");
    }

    @Test
    void aPasswordDoesNotWorkInAnOrganizationThePersonIsNotAMemberOf() {
        ErrorResponse error = Sdk.error(client.getPasswords().authenticateCompletable(
                new AuthenticateRequest(Seeded.NORTHWIND, Seeded.RITA_EMAIL, Seeded.RITA_PASSWORD)));

        assertThat(error.getErrorType()).isEqualTo("unauthorized_credentials");
    }

    @Test
    void aPasswordForAnUnknownOrganizationIsOrganizationNotFound() {
        ErrorResponse error = Sdk.error(client.getPasswords().authenticateCompletable(
                new AuthenticateRequest("organization-test-nope", Seeded.RITA_EMAIL, Seeded.RITA_PASSWORD)));

        assertThat(error.getStatusCode()).isEqualTo(404);
        assertThat(error.getErrorType()).isEqualTo("organization_not_found");
    }

    @Test
    void aPasswordThenATotpCodeCompletesMfa() {
        AuthenticateResponse pending = password(Seeded.NORTHWIND, Seeded.ADA_EMAIL, Seeded.ADA_PASSWORD);
        assertThat(pending.getMemberAuthenticated()).isFalse();
        assertThat(pending.getMfaRequired().getMemberOptions().getTotpRegistrationId()).isNotBlank();
        clock.advance(Duration.ofSeconds(90));

        var done = Sdk.ok(client.getTotps().authenticateCompletable(new com.stytch.java.b2b.models.totps.AuthenticateRequest(
                Seeded.NORTHWIND, Seeded.ADA, adaTotpNow(), pending.getIntermediateSessionToken())));

        assertThat(done.getSessionToken()).isNotBlank();
        assertThat(done.getMemberSession().getAuthenticationFactors())
                .extracting(f -> f.getType().name()).containsExactly("PASSWORD", "TOTP");
    }

    @Test
    void aTotpCodeIsAcceptedOnlyOnce() {
        clock.advance(Duration.ofSeconds(90));
        String code = adaTotpNow();
        AuthenticateResponse first = password(Seeded.NORTHWIND, Seeded.ADA_EMAIL, Seeded.ADA_PASSWORD);
        Sdk.ok(client.getTotps().authenticateCompletable(new com.stytch.java.b2b.models.totps.AuthenticateRequest(
                Seeded.NORTHWIND, Seeded.ADA, code, first.getIntermediateSessionToken())));
        AuthenticateResponse second = password(Seeded.NORTHWIND, Seeded.ADA_EMAIL, Seeded.ADA_PASSWORD);

        ErrorResponse error = Sdk.error(client.getTotps().authenticateCompletable(
                new com.stytch.java.b2b.models.totps.AuthenticateRequest(
                        Seeded.NORTHWIND, Seeded.ADA, code, second.getIntermediateSessionToken())));

        assertThat(error.getStatusCode()).isEqualTo(400);
        assertThat(error.getErrorType()).isEqualTo("totp_code_already_authenticated");
    }

    @Test
    void aWrongTotpCodeIsRejected() {
        AuthenticateResponse pending = password(Seeded.NORTHWIND, Seeded.ADA_EMAIL, Seeded.ADA_PASSWORD);
        clock.advance(Duration.ofSeconds(90));
        String wrong = adaTotpNow().equals("000000") ? "111111" : "000000";

        ErrorResponse error = Sdk.error(client.getTotps().authenticateCompletable(
                new com.stytch.java.b2b.models.totps.AuthenticateRequest(
                        Seeded.NORTHWIND, Seeded.ADA, wrong, pending.getIntermediateSessionToken())));

        assertThat(error.getStatusCode()).isEqualTo(401);
        assertThat(error.getErrorType()).isEqualTo("unable_to_authenticate_totp");
    }

    @Test
    void totpForAMemberWithoutARegistrationIsNotFound() {
        AuthenticateResponse pending = password(Seeded.NORTHWIND, Seeded.CASEY_EMAIL, "casey-Shared-1");

        ErrorResponse error = Sdk.error(client.getTotps().authenticateCompletable(
                new com.stytch.java.b2b.models.totps.AuthenticateRequest(
                        Seeded.NORTHWIND, Seeded.CASEY_NORTHWIND, "123456", pending.getIntermediateSessionToken())));

        assertThat(error.getStatusCode()).isEqualTo(404);
        assertThat(error.getErrorType()).isEqualTo("totp_not_found");
    }
}
