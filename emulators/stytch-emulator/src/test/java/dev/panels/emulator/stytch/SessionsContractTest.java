package dev.panels.emulator.stytch;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.stytch.java.b2b.StytchB2BClient;
import com.stytch.java.b2b.models.discoveryintermediatesessions.ExchangeResponse;
import com.stytch.java.b2b.models.sessions.AuthenticateRequest;
import com.stytch.java.b2b.models.sessions.AuthenticateResponse;
import com.stytch.java.b2b.models.sessions.GetJWKSRequest;
import com.stytch.java.b2b.models.sessions.GetJWKSResponse;
import com.stytch.java.b2b.models.sessions.GetRequest;
import com.stytch.java.b2b.models.sessions.MemberSession;
import com.stytch.java.b2b.models.sessions.RevokeRequest;
import com.stytch.java.common.ErrorResponse;
import com.stytch.java.common.OptionalClientConfig;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Session authenticate (token and JWT), get, revoke and JWKS, through the real SDK and a standard JOSE library. */
class SessionsContractTest extends EmulatorTestBase {

    @Test
    void authenticatingBySessionTokenReturnsTheSessionAndAFreshJwt() {
        ExchangeResponse login = sessionIn(Seeded.SAM_EMAIL, Seeded.RIVERSIDE);

        AuthenticateResponse auth = Sdk.ok(client.getSessions()
                .authenticateCompletable(new AuthenticateRequest(login.getSessionToken())));

        assertThat(auth.getMemberSession().getMemberSessionId())
                .isEqualTo(login.getMemberSession().getMemberSessionId());
        assertThat(auth.getSessionToken()).isEqualTo(login.getSessionToken());
        assertThat(auth.getSessionJWT()).isNotBlank();
        assertThat(auth.getMember().getMemberId()).isEqualTo(Seeded.SAM);
        assertThat(auth.getMember().getRoles()).extracting(r -> r.getRoleId())
                .containsExactly("stytch_member", "panels-builder");
        assertThat(auth.getOrganization().getOrganizationSlug()).isEqualTo("riverside");
    }

    @Test
    void authenticatingBySessionJwtFindsTheSameSession() {
        ExchangeResponse login = sessionIn(Seeded.RITA_EMAIL, Seeded.RIVERSIDE);

        AuthenticateResponse auth = Sdk.ok(client.getSessions()
                .authenticateCompletable(new AuthenticateRequest(null, null, login.getSessionJWT())));

        assertThat(auth.getMemberSession().getMemberSessionId())
                .isEqualTo(login.getMemberSession().getMemberSessionId());
        assertThat(auth.getMember().isAdmin()).isTrue();
    }

    @Test
    void theSdkVerifiesSessionJwtsLocallyAgainstTheEmulatorJwks() {
        ExchangeResponse login = sessionIn(Seeded.CASEY_EMAIL, Seeded.RIVERSIDE);

        MemberSession session = Sdk.ok(client.getSessions()
                .authenticateJwtLocalCompletable(login.getSessionJWT(), null, null, 0));

        assertThat(session.getMemberId()).isEqualTo(Seeded.CASEY_RIVERSIDE);
        assertThat(session.getOrganizationId()).isEqualTo(Seeded.RIVERSIDE);
        assertThat(session.getOrganizationSlug()).isEqualTo("riverside");
        assertThat(session.getRoles()).containsExactly("stytch_member", "panels-builder");
        assertThat(session.getAuthenticationFactors()).singleElement()
                .satisfies(f -> assertThat(f.getEmailFactor().getEmailAddress()).isEqualTo(Seeded.CASEY_EMAIL));
    }

    @Test
    @SuppressWarnings("unchecked")
    void sessionJwtsVerifyWithNimbusAgainstTheJwksAndCarryStytchClaims() throws Exception {
        ExchangeResponse login = sessionIn(Seeded.SAM_EMAIL, Seeded.RIVERSIDE);
        JWKSet jwks = JWKSet.load(new URL(emu.baseUrl() + "/v1/b2b/sessions/jwks/" + emu.projectId()));

        SignedJWT jwt = SignedJWT.parse(login.getSessionJWT());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(key).as("the JWT's kid is published").isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("stytch.com/" + Seeded.PROJECT_ID);
        assertThat(claims.getAudience()).containsExactly(Seeded.PROJECT_ID);
        assertThat(claims.getSubject()).isEqualTo(Seeded.SAM);
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000L);
        Map<String, Object> session = claims.getJSONObjectClaim("https://stytch.com/session");
        assertThat(session).containsEntry("id", login.getMemberSession().getMemberSessionId())
                .containsKeys("started_at", "last_accessed_at", "expires_at", "attributes", "authentication_factors");
        assertThat((List<Object>) session.get("roles")).containsExactly("stytch_member", "panels-builder");
        assertThat(claims.getJSONObjectClaim("https://stytch.com/organization"))
                .containsEntry("organization_id", Seeded.RIVERSIDE).containsEntry("slug", "riverside");
    }

    @Test
    void aJwtSignedByAnotherKeyIsRejected() {
        ExchangeResponse login = sessionIn(Seeded.SAM_EMAIL, Seeded.RIVERSIDE);
        String[] parts = login.getSessionJWT().split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        ErrorResponse error = Sdk.error(client.getSessions()
                .authenticateCompletable(new AuthenticateRequest(null, null, tampered)));

        assertThat(error.getStatusCode()).isEqualTo(401);
        assertThat(error.getErrorType()).isEqualTo("unable_to_parse_session_jwt");
    }

    @Test
    void theSdkReadsTheJwks() {
        GetJWKSResponse jwks = Sdk.ok(client.getSessions().getJWKSCompletable(new GetJWKSRequest(emu.projectId())));

        assertThat(jwks.getKeys()).singleElement().satisfies(k -> {
            assertThat(k.getAlg()).isEqualTo("RS256");
            assertThat(k.getKty()).isEqualTo("RSA");
            assertThat(k.getKid()).isNotBlank();
        });
    }

    @Test
    void aRevokedSessionNoLongerAuthenticatesByTokenOrJwt() {
        ExchangeResponse login = sessionIn(Seeded.RITA_EMAIL, Seeded.RIVERSIDE);

        Sdk.ok(client.getSessions().revokeCompletable(new RevokeRequest(null, login.getSessionToken()), null));

        ErrorResponse byToken = Sdk.error(client.getSessions()
                .authenticateCompletable(new AuthenticateRequest(login.getSessionToken())));
        ErrorResponse byJwt = Sdk.error(client.getSessions()
                .authenticateCompletable(new AuthenticateRequest(null, null, login.getSessionJWT())));
        assertThat(byToken.getStatusCode()).isEqualTo(404);
        assertThat(byToken.getErrorType()).isEqualTo("session_not_found");
        assertThat(byJwt.getErrorType()).isEqualTo("session_not_found");
    }

    @Test
    void aSessionCanBeRevokedByItsId() {
        ExchangeResponse login = sessionIn(Seeded.SAM_EMAIL, Seeded.RIVERSIDE);

        Sdk.ok(client.getSessions().revokeCompletable(
                new RevokeRequest(login.getMemberSession().getMemberSessionId()), null));

        assertThat(Sdk.error(client.getSessions()
                .authenticateCompletable(new AuthenticateRequest(login.getSessionToken()))).getErrorType())
                .isEqualTo("session_not_found");
    }

    @Test
    void revokingWithoutAnyArgumentIsABadRequest() {
        ErrorResponse error = Sdk.error(client.getSessions().revokeCompletable(new RevokeRequest(), null));

        assertThat(error.getStatusCode()).isEqualTo(400);
        assertThat(error.getErrorType()).isEqualTo("no_session_revoke_arguments");
    }

    @Test
    void getListsAMembersLiveSessions() {
        ExchangeResponse login = sessionIn(Seeded.CASEY_EMAIL, Seeded.RIVERSIDE);

        var sessions = Sdk.ok(client.getSessions()
                .getCompletable(new GetRequest(Seeded.RIVERSIDE, Seeded.CASEY_RIVERSIDE))).getMemberSessions();

        assertThat(sessions).extracting(MemberSession::getMemberSessionId)
                .contains(login.getMemberSession().getMemberSessionId());
    }

    @Test
    void anUnknownSessionTokenIsNotFound() {
        ErrorResponse error = Sdk.error(client.getSessions()
                .authenticateCompletable(new AuthenticateRequest("no-such-session-token")));

        assertThat(error.getStatusCode()).isEqualTo(404);
        assertThat(error.getErrorType()).isEqualTo("session_not_found");
    }

    @Test
    void wrongProjectCredentialsAreUnauthorized() {
        try (StytchB2BClient wrong = new StytchB2BClient(emu.projectId(), "secret-test-wrong",
                new OptionalClientConfig(emu.baseUrl()))) {
            ErrorResponse error = Sdk.error(wrong.getSessions()
                    .authenticateCompletable(new AuthenticateRequest("anything")));

            assertThat(error.getStatusCode()).isEqualTo(401);
            assertThat(error.getErrorType()).isEqualTo("unauthorized_credentials");
        }
    }
}
