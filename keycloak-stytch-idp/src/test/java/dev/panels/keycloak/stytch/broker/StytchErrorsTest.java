package dev.panels.keycloak.stytch.broker;

import dev.panels.keycloak.stytch.client.StytchErrors;
import dev.panels.keycloak.stytch.client.StytchErrors.Operation;
import dev.panels.keycloak.stytch.client.StytchFailure.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class StytchErrorsTest {

    @ParameterizedTest
    @CsvSource({
            "AUTHENTICATE_LINK, 401, unable_to_auth_magic_link, LINK_INVALID",
            "AUTHENTICATE_LINK, 404, magic_link_not_found, LINK_INVALID",
            "AUTHENTICATE_LINK, 404, sso_token_not_found, LINK_INVALID",
            "AUTHENTICATE_LINK, 404, oauth_token_not_found, LINK_INVALID",
            "AUTHENTICATE_PASSWORD, 401, unauthorized_credentials, WRONG_PASSWORD",
            "EXCHANGE, 401, unauthorized_credentials, MISCONFIGURED",
            "SEND_EMAIL, 401, unauthorized_credentials, MISCONFIGURED",
            "MFA, 401, unable_to_auth_otp_code, MFA_CODE_INVALID",
            "MFA, 404, otp_code_not_found, MFA_CODE_INVALID",
            "MFA, 401, unable_to_authenticate_totp, MFA_CODE_INVALID",
            "MFA, 400, totp_code_already_authenticated, MFA_CODE_INVALID",
            "EXCHANGE, 404, intermediate_session_not_found, SESSION_EXPIRED",
            "EXCHANGE, 400, invalid_intermediate_session_token_for_organization, SESSION_EXPIRED",
            "SESSION, 404, session_not_found, SESSION_EXPIRED",
            "SESSION, 404, member_not_found, SESSION_EXPIRED",
            "EXCHANGE, 404, member_not_found, MEMBER_NOT_FOUND",
            "ORGANIZATION_LOOKUP, 404, organization_not_found, MISCONFIGURED",
            "SEND_EMAIL, 429, too_many_requests, TOO_MANY_ATTEMPTS",
            "SEND_EMAIL, 503, service_unavailable, UNAVAILABLE",
            "EXCHANGE, 500, internal_server_error, UNAVAILABLE",
            "SEND_EMAIL, 400, invalid_email, INVALID_INPUT",
            "EXCHANGE, 400, something_new, UNEXPECTED",
    })
    void stytchErrorTypesMapToWhatTheUserSees(Operation op, int status, String type, Kind expected) {
        assertThat(StytchErrors.classify(op, status, type)).isEqualTo(expected);
    }

    @Test
    void everyKindHasAnHttpStatusAndMessageKey() {
        for (Kind k : Kind.values()) {
            assertThat(SignInFlow.statusFor(k)).isNotNull();
            assertThat(k.messageKey()).startsWith("stytch");
            assertThat(k.eventError()).isNotBlank();
        }
        assertThat(SignInFlow.statusFor(Kind.UNAVAILABLE).getStatusCode()).isEqualTo(503);
        assertThat(SignInFlow.statusFor(Kind.TOO_MANY_ATTEMPTS).getStatusCode()).isEqualTo(429);
        assertThat(SignInFlow.statusFor(Kind.ORGANIZATION_NOT_ALLOWED).getStatusCode()).isEqualTo(403);
    }

    @Test
    void messageKeysExistInTheBundle() throws Exception {
        java.util.Properties p = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/theme-resources/messages/messages_en.properties")) {
            p.load(in);
        }
        for (Kind k : Kind.values()) {
            assertThat(p).containsKey(k.messageKey());
        }
    }

    @Test
    void continuationCodesAreCheckedByHashAndToleratePunctuation() {
        String code = LoginAttempts.newCode();
        assertThat(code).matches("[0-9]{6}");
        String hash = LoginAttempts.hash(code);
        assertThat(hash).doesNotContain(code);
        assertThat(LoginAttempts.codeMatches(hash, code)).isTrue();
        assertThat(LoginAttempts.codeMatches(hash, code.substring(0, 3) + "-" + code.substring(3))).isTrue();
        String other = code.equals("000000") ? "000001" : "000000";
        assertThat(LoginAttempts.codeMatches(hash, other)).isFalse();
        assertThat(LoginAttempts.codeMatches(hash, null)).isFalse();
        assertThat(LoginAttempts.newId()).isNotEqualTo(LoginAttempts.newId()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void sessionCheckCacheExpires() {
        AtomicLong now = new AtomicLong(1000);
        Clock clock = new Clock() {
            public ZoneOffset getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId z) { return this; }
            public Instant instant() { return Instant.ofEpochMilli(now.get()); }
        };
        SessionCheckCache cache = new SessionCheckCache(clock);
        assertThat(cache.recentlyValid("s")).isFalse();
        cache.markValid("s", 30);
        assertThat(cache.recentlyValid("s")).isTrue();
        now.addAndGet(30_000);
        assertThat(cache.recentlyValid("s")).isFalse();
        cache.markValid("s", 0);
        assertThat(cache.recentlyValid("s")).isFalse();
    }
}
