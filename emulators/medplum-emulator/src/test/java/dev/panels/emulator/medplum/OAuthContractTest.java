package dev.panels.emulator.medplum;

import dev.panels.emulator.common.MutableClock;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.panels.emulator.medplum.Http.form;
import static dev.panels.emulator.medplum.TokenRequests.NORTHWIND_CLIENT;
import static dev.panels.emulator.medplum.TokenRequests.NORTHWIND_SECRET;
import static dev.panels.emulator.medplum.TokenRequests.RIVERSIDE_CLIENT;
import static dev.panels.emulator.medplum.TokenRequests.RIVERSIDE_SECRET;
import static dev.panels.emulator.medplum.TokenRequests.bearer;
import static dev.panels.emulator.medplum.TokenRequests.project;
import static dev.panels.emulator.medplum.TokenRequests.profile;
import static org.assertj.core.api.Assertions.assertThat;

/** Medplum's token endpoint, JWKS and logout, driven with plain HTTP in Medplum's request shapes. */
class OAuthContractTest {

    private static FakeUserInfo userInfo;
    private static MutableClock clock;
    private static MedplumEmulator medplum;

    @BeforeAll
    static void start() {
        userInfo = new FakeUserInfo();
        clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        medplum = MedplumEmulator.start(MedplumEmulatorConfig.builder().port(0).seed(7).patients(40)
                .keycloakUserinfoUrl(userInfo.url()).allowUnsafeOutbound(true).clock(clock).build());
    }

    @AfterAll
    static void stop() {
        medplum.close();
        userInfo.close();
    }

    private String token() {
        return TokenRequests.tokenUrl(medplum);
    }

    private Http.Answer clientCredentials(String id, String secret) {
        return TokenRequests.clientCredentials(medplum, id, secret);
    }

    private Http.Answer exchange(String clientId, String subjectToken, String... extra) {
        return TokenRequests.exchange(medplum, clientId, subjectToken, extra);
    }

    @Test
    void clientCredentialsIssuesAnRs256TokenVerifiableWithTheJwks() throws Exception {
        Http.Answer answer = clientCredentials(NORTHWIND_CLIENT, NORTHWIND_SECRET);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("token_type")).isEqualTo("Bearer");
        assertThat(answer.json().path("expires_in").asLong()).isEqualTo(3600);
        assertThat(project(answer)).isEqualTo("Project/medplum-project-northwind");
        assertThat(answer.json().has("refresh_token")).isFalse();
        SignedJWT jwt = SignedJWT.parse(answer.text("access_token"));
        JWKSet jwks = JWKSet.parse(Http.get(medplum.baseUrl() + "/.well-known/jwks.json", null).json().toString());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(medplum.issuer());
        assertThat(claims.getStringClaim("client_id")).isEqualTo(NORTHWIND_CLIENT);
        assertThat(claims.getStringClaim("login_id")).isNotBlank();
        assertThat(claims.getStringClaim("profile")).isEqualTo("ClientApplication/northwind-panels-client");
        assertThat(claims.getStringClaim("scope")).isEqualTo("openid");
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(claims.getIssueTime().toInstant().plusSeconds(3600));
    }

    @Test
    void clientCredentialsAcceptsHttpBasicAndIgnoresProjectAndMembershipId() {
        Http.Answer answer = Http.postForm(token(), form("grant_type", "client_credentials",
                        "project", "medplum-project-northwind", "membership_id", "anything"),
                Http.basic(RIVERSIDE_CLIENT, RIVERSIDE_SECRET));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(project(answer)).isEqualTo("Project/medplum-project-riverside");
        assertThat(profile(answer)).isEqualTo("ClientApplication/riverside-panels-client");
    }

    @Test
    void wrongSecretUnknownClientAndMissingGrantAreOAuthErrors() {
        Http.Answer wrong = clientCredentials(NORTHWIND_CLIENT, RIVERSIDE_SECRET);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("error")).isEqualTo("invalid_request");
        assertThat(wrong.text("error_description")).isEqualTo("Invalid secret");

        assertThat(clientCredentials("nobody", "x").text("error_description")).isEqualTo("Invalid client");
        Http.Answer missing = Http.postForm(token(), form("client_id", NORTHWIND_CLIENT), null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("error_description")).isEqualTo("Missing grant_type");
        assertThat(Http.postForm(token(), form("grant_type", "password"), null).text("error_description"))
                .isEqualTo("Unsupported grant_type");
    }

    @Test
    void aClientWithoutASecretCannotUseClientCredentials() {
        medplum.addClient(TokenRequests.NORTHWIND, "exchange-only-client", userInfo.url(), true, null);

        Http.Answer answer = clientCredentials("exchange-only-client", "any-secret");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("error_description")).isEqualTo("Invalid client");
    }

    @Test
    void tokenExchangeValidatesTheSubjectTokenAtUserinfoAndIssuesAUserToken() throws Exception {
        int before = userInfo.calls.get();
        Http.Answer answer = exchange(NORTHWIND_CLIENT, "kc-ada");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(userInfo.calls.get()).isEqualTo(before + 1);
        assertThat(medplum.lastSubjectToken()).isEqualTo("kc-ada");
        assertThat(project(answer)).isEqualTo("Project/medplum-project-northwind");
        assertThat(profile(answer)).startsWith("Practitioner/");
        assertThat(answer.text("scope")).isEqualTo("openid offline_access");
        assertThat(answer.text("refresh_token")).isNotBlank();
        var claims = SignedJWT.parse(answer.text("access_token")).getJWTClaimsSet();
        assertThat(claims.getStringClaim("profile")).isEqualTo(profile(answer));
        assertThat(claims.getStringClaim("client_id")).isEqualTo(NORTHWIND_CLIENT);
        assertThat(claims.getAudience()).containsExactly(NORTHWIND_CLIENT);
        assertThat(claims.getSubject()).isEqualTo(claims.getStringClaim("username")).isNotBlank();
        assertThat(claims.getStringClaim("scope")).isEqualTo("openid offline_access");
        assertThat(claims.getClaim("email")).isNull();
    }

    @Test
    void theEmailClaimIsInTheAccessTokenOnlyWhenTheScopeAsksForIt() throws Exception {
        Http.Answer answer = exchange(NORTHWIND_CLIENT, "kc-ada", "scope", "openid email");

        assertThat(answer.json().has("refresh_token")).isFalse();
        assertThat(SignedJWT.parse(answer.text("access_token")).getJWTClaimsSet().getStringClaim("email"))
                .isEqualTo("ada.admin@northwind.example");
    }

    @Test
    void tokenExchangeRefusalsInMedplumsOrderAndShapes() {
        Http.Answer noClient = Http.postForm(token(), form("grant_type", TokenRequests.EXCHANGE, "subject_token", "kc-ada",
                "subject_token_type", TokenRequests.ACCESS), null);
        assertThat(noClient.text("error_description")).isEqualTo("Invalid client");
        Http.Answer noToken = Http.postForm(token(), form("grant_type", TokenRequests.EXCHANGE, "client_id", NORTHWIND_CLIENT,
                "subject_token_type", TokenRequests.ACCESS), null);
        assertThat(noToken.text("error_description")).isEqualTo("Invalid subject_token");
        Http.Answer wrongType = exchange(NORTHWIND_CLIENT, "kc-ada", "subject_token_type", "urn:ietf:params:oauth:token-type:id_token");
        assertThat(wrongType.text("error_description")).isEqualTo("Invalid subject_token_type");
        assertThat(exchange("nobody", "kc-ada").text("error_description")).isEqualTo("Invalid client");

        Http.Answer forged = exchange(NORTHWIND_CLIENT, "forged-token");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.text("error")).isEqualTo("invalid_request");
        assertThat(forged.text("error_description")).isEqualTo("Failed to verify code - check your identity provider configuration");

        userInfo.status("kc-throttled", 429);
        Http.Answer throttled = exchange(NORTHWIND_CLIENT, "kc-throttled");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.text("error")).isEqualTo("invalid_request");
        assertThat(throttled.text("error_description")).isEqualTo("Too Many Requests");

        Http.Answer stranger = exchange(NORTHWIND_CLIENT, "kc-stranger");
        assertThat(stranger.status()).isEqualTo(400);
        assertThat(stranger.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(stranger.outcomeText()).isEqualTo("User not found");
    }

    @Test
    void refreshRotatesAndAReusedRefreshTokenIsRefused() {
        Http.Answer first = exchange(RIVERSIDE_CLIENT, "kc-rita");
        String r1 = first.text("refresh_token");

        Http.Answer second = Http.postForm(token(), form("grant_type", "refresh_token", "refresh_token", r1), null);
        assertThat(second.status()).isEqualTo(200);
        String r2 = second.text("refresh_token");
        assertThat(r2).isNotEqualTo(r1);
        assertThat(project(second)).isEqualTo("Project/medplum-project-riverside");

        Http.Answer reused = Http.postForm(token(), form("grant_type", "refresh_token", "refresh_token", r1), null);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.text("error")).isEqualTo("invalid_grant");

        Http.Answer otherClient = Http.postForm(token(), form("grant_type", "refresh_token", "refresh_token", r2),
                Http.basic(NORTHWIND_CLIENT, NORTHWIND_SECRET));
        assertThat(otherClient.text("error_description")).isEqualTo("Incorrect client");

        Http.Answer third = Http.postForm(token(), form("grant_type", "refresh_token", "refresh_token", r2), null);
        assertThat(third.status()).isEqualTo(200);
        assertThat(Http.postForm(token(), form("grant_type", "refresh_token", "refresh_token", "not-a-jwt"), null)
                .text("error_description")).isEqualTo("Invalid refresh token");
    }

    @Test
    void expiredAccessTokenIsRefusedWith401ButItsRefreshTokenStillWorks() {
        Http.Answer issued = exchange(NORTHWIND_CLIENT, "kc-ada");
        String bearer = bearer(issued);
        assertThat(Http.get(medplum.fhirBaseUrl() + "/Patient?_count=1", bearer).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(61));
        try {
            Http.Answer expired = Http.get(medplum.fhirBaseUrl() + "/Patient?_count=1", bearer);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
            Http.Answer refreshed = Http.postForm(token(), form("grant_type", "refresh_token", "refresh_token", issued.text("refresh_token")), null);
            assertThat(Http.get(medplum.fhirBaseUrl() + "/Patient?_count=1", bearer(refreshed)).status()).isEqualTo(200);
        } finally {
            clock.advance(Duration.ofMinutes(-61));
        }
    }

    @Test
    void logoutRevokesTheAccessTokenAndItsRefreshToken() {
        Http.Answer issued = exchange(NORTHWIND_CLIENT, "kc-ada");
        String bearer = bearer(issued);

        assertThat(Http.post(medplum.baseUrl() + "/oauth2/logout", bearer).status()).isEqualTo(200);

        assertThat(Http.get(medplum.fhirBaseUrl() + "/Patient?_count=1", bearer).status()).isEqualTo(401);
        Http.Answer refresh = Http.postForm(token(), form("grant_type", "refresh_token", "refresh_token", issued.text("refresh_token")), null);
        assertThat(refresh.text("error")).isEqualTo("invalid_grant");
        assertThat(refresh.text("error_description")).isEqualTo("Token revoked");
        assertThat(Http.post(medplum.baseUrl() + "/oauth2/logout", null).status()).isEqualTo(401);
    }

    @Test
    void tokenRequestsAreCountedPerGrantTypeSoCallersCanBeObserved() {
        long before = medplum.tokenRequests();
        long clientCredentialsBefore = medplum.tokenRequests("client_credentials");

        clientCredentials(NORTHWIND_CLIENT, NORTHWIND_SECRET);
        clientCredentials(NORTHWIND_CLIENT, "wrong");
        Http.postForm(token(), form("grant_type", "refresh_token", "refresh_token", "not-a-token"), null);

        assertThat(medplum.tokenRequests("client_credentials") - clientCredentialsBefore).isEqualTo(2);
        assertThat(medplum.tokenRequests() - before).isEqualTo(3);
        assertThat(medplum.tokenRequests("password")).isZero();
    }
}
