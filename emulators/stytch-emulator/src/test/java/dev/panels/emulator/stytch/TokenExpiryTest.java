package dev.panels.emulator.stytch;

import dev.panels.emulator.common.MutableClock;
import com.stytch.java.b2b.models.discoveryintermediatesessions.ExchangeRequest;
import com.stytch.java.b2b.models.magiclinksdiscovery.AuthenticateRequest;
import com.stytch.java.b2b.models.sessions.AuthenticateResponse;
import com.stytch.java.common.ErrorResponse;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Expiry of magic links, intermediate sessions, sessions and SMS codes, on a clock the test moves. */
class TokenExpiryTest extends EmulatorTestBase {

    private final MutableClock clock = new MutableClock();

    @Override
    Clock clock() {
        return clock;
    }

    @Test
    void aMagicLinkExpiresAfterAnHour() {
        String token = discoveryToken(Seeded.SAM_EMAIL);
        clock.advance(Duration.ofMinutes(61));

        ErrorResponse error = Sdk.error(client.getMagicLinks().getDiscovery()
                .authenticateCompletable(new AuthenticateRequest(token)));

        assertThat(error.getStatusCode()).isEqualTo(401);
        assertThat(error.getErrorType()).isEqualTo("unable_to_auth_magic_link");
    }

    @Test
    void anIntermediateSessionExpiresAfterTenMinutes() {
        String ist = discover(Seeded.SAM_EMAIL).getIntermediateSessionToken();
        clock.advance(Duration.ofMinutes(11));

        ErrorResponse error = Sdk.error(client.getDiscovery().getIntermediateSessions()
                .exchangeCompletable(new ExchangeRequest(ist, Seeded.RIVERSIDE)));

        assertThat(error.getErrorType()).isEqualTo("intermediate_session_not_found");
    }

    @Test
    void aSessionLastsItsRequestedDurationAndAuthenticateCanExtendIt() {
        String ist = discover(Seeded.RITA_EMAIL).getIntermediateSessionToken();
        String token = Sdk.ok(client.getDiscovery().getIntermediateSessions()
                .exchangeCompletable(new ExchangeRequest(ist, Seeded.RIVERSIDE, 30))).getSessionToken();
        clock.advance(Duration.ofMinutes(20));
        AuthenticateResponse extended = Sdk.ok(client.getSessions().authenticateCompletable(
                new com.stytch.java.b2b.models.sessions.AuthenticateRequest(token, 60)));
        assertThat(extended.getMemberSession().getExpiresAt())
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(60)));
        clock.advance(Duration.ofMinutes(61));

        ErrorResponse error = Sdk.error(client.getSessions().authenticateCompletable(
                new com.stytch.java.b2b.models.sessions.AuthenticateRequest(token)));

        assertThat(error.getErrorType()).isEqualTo("session_not_found");
    }

    @Test
    void anSmsCodeExpiresAfterTwoMinutes() {
        String ist = discover(Seeded.ADA_EMAIL).getIntermediateSessionToken();
        var pending = Sdk.ok(client.getDiscovery().getIntermediateSessions()
                .exchangeCompletable(new ExchangeRequest(ist, Seeded.NORTHWIND)));
        String code = emu.inbox().latestFor(Seeded.ADA_EMAIL).orElseThrow().code();
        clock.advance(Duration.ofMinutes(3));

        ErrorResponse error = Sdk.error(client.getOtps().getSms().authenticateCompletable(
                new com.stytch.java.b2b.models.otpsms.AuthenticateRequest(Seeded.NORTHWIND, Seeded.ADA, code,
                        pending.getIntermediateSessionToken())));

        assertThat(error.getErrorType()).isEqualTo("otp_code_not_found");
    }

    @Test
    void anOutOfRangeSessionDurationIsABadRequest() {
        String ist = discover(Seeded.SAM_EMAIL).getIntermediateSessionToken();

        ErrorResponse error = Sdk.error(client.getDiscovery().getIntermediateSessions()
                .exchangeCompletable(new ExchangeRequest(ist, Seeded.RIVERSIDE, 1)));

        assertThat(error.getStatusCode()).isEqualTo(400);
        assertThat(error.getErrorType()).isEqualTo("invalid_session_duration_minutes");
    }
}
