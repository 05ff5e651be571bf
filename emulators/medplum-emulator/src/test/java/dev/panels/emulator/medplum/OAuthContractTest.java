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
import static org.assertj.core.api.Assertions.assertThat;

/** Medplum's token endpoint, JWKS and logout, driven with plain HTTP in Medplum's request shapes. */
class OAuthContractTest {

    private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ACCESS = "urn:ietf:params:oauth:token-type:access_token";

    private static FakeUserInfo userInfo;
    private static MutableClock clock;
    private static MedplumEmulator medplum;

    @BeforeAll
    static void start() {
        userInfo = new FakeUserInfo();
        clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        medplum = MedplumEmulator.start(MedplumEmulatorConfig.builder().port(0).seed(7).patients(40)
                .keycloakUserinfoUrl(userInfo.url()).clock(clock).build());
    }

    @AfterAll
    static void stop() {
        medplum.close();
        userInfo.close();
    }

    private String token() {
        return medplum.baseUrl() + "/oauth2/token";
    }

    private Http.Answer clientCredentials(String id, String secret) {
        return Http.postForm(token(), form("grant_type", "client_credentials", "client_id", id, "client_secret", secret), null);
    }

    private Http.Answer exchange(String subjectToken, String... extra) {
        var f = form("grant_type", EXCHANGE, "subject_token", subjectToken, "subject_token_type", ACCESS,
                "client_id", "keycloak-token-exchange", "client_secret", "token-exchange-local-secret-not-for-production");
        for (int i = 0; i < extra.length; i += 2) {
            f.put(extra[i], extra[i + 1]);
        }
        return Http.postForm(token(), f, null);
    }

    @Test
    void clientCredentialsIssuesAnRs256TokenVerifiableWithTheJwks() throws Exception {
        Http.Answer answer = clientCredentials("northwind-panels-client", "northwind-local-secret-not-for-production");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("token_type")).isEqualTo("Bearer");
        assertThat(answer.json().path("expires_in").asLong()).isEqualTo(3600);
        assertThat(answer.json().path("project").path("reference").asText()).isEqualTo("Project/medplum-project-northwind");
        assertThat(answer.json().has("refresh_token")).isFalse();
        SignedJWT jwt = SignedJWT.parse(answer.text("access_token"));
        JWKSet jwks = JWKSet.parse(Http.get(medplum.baseUrl() + "/.well-known/jwks.json", null).json().toString());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(medplum.issuer());
        assertThat(claims.getStringClaim("client_id")).isEqualTo("northwind-panels-client");
        assertThat(claims.getStringClaim("login_id")).isNotBlank();
        assertThat(claims.getStringClaim("profile")).isEqualTo("ClientApplication/northwind-panels-client");
        assertThat(claims.getStringClaim("scope")).isEqualTo("openid");
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(claims.getIssueTime().toInstant().plusSeconds(3600));
    }

    @Test
    void clientCredentialsAcceptsHttpBasic() {
        Http.Answer answer = Http.postForm(token(), form("grant_type", "client_credentials"),
                Http.basic("riverside-panels-client", "riverside-local-secret-not-for-production"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("project").path("reference").asText()).isEqualTo("Project/medplum-project-riverside");
    }

    @Test
    void wrongSecretUnknownClientAndMissingGrantAreOAuthErrors() {
        Http.Answer wrong = clientCredentials("northwind-panels-client", "riverside-local-secret-not-for-production");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("error")).isEqualTo("invalid_request");
        assertThat(wrong.text("error_description")).isEqualTo("Invalid secret");

        assertThat(clientCredentials("nobody", "x").text("error_description")).isEqualTo("Invalid client");
        Http.Answer missing = Http.postForm(token(), form("client_id", "northwind-panels-client"), null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("error_description")).isEqualTo("Missing grant_type");
        assertThat(Http.postForm(token(), form("grant_type", "password"), null).text("error_description"))
                .isEqualTo("Unsupported grant_type");
    }

    @Test
    void tokenExchangeValidatesTheSubjectTokenAtUserinfoAndMatchesTheUserByEmail() throws Exception {
        int before = userInfo.calls.get();
        Http.Answer answer = exchange("kc-ada");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(userInfo.calls.get()).isEqualTo(before + 1);
        assertThat(answer.json().path("project").path("reference").asText()).isEqualTo("Project/medplum-project-northwind");
        String profile = answer.json().path("profile").path("reference").asText();
        assertThat(profile).startsWith("Practitioner/");
        assertThat(answer.text("refresh_token")).isNotBlank();
        var claims = SignedJWT.parse(answer.text("access_token")).getJWTClaimsSet();
        assertThat(claims.getStringClaim("profile")).isEqualTo(profile);
        assertThat(claims.getStringClaim("client_id")).isEqualTo("keycloak-token-exchange");
        assertThat(claims.getStringClaim("scope")).isEqualTo("openid offline");
    }

    @Test
    void tokenExchangePicksTheRequestedProjectForAMemberOfBoth() {
        Http.Answer riverside = exchange("kc-casey", "project", "medplum-project-riverside");
        Http.Answer northwind = exchange("kc-casey", "project", "medplum-project-northwind");

        assertThat(riverside.json().path("project").path("reference").asText()).isEqualTo("Project/medplum-project-riverside");
        assertThat(northwind.json().path("project").path("reference").asText()).isEqualTo("Project/medplum-project-northwind");
        assertThat(riverside.json().path("profile").path("reference").asText())
                .isNotEqualTo(northwind.json().path("profile").path("reference").asText());
        Http.Answer notMember = exchange("kc-ada", "project", "medplum-project-riverside");
        assertThat(notMember.status()).isEqualTo(400);
        assertThat(notMember.text("error")).isEqualTo("invalid_request");
    }

    @Test
    void tokenExchangeRefusesTokensUserinfoRejectsUnknownUsersAndWrongTypes() {
        Http.Answer rejected = exchange("forged-token");
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.text("error_description")).contains("401");
        assertThat(exchange("kc-stranger").text("error_description")).isEqualTo("User not found");
        Http.Answer wrongType = Http.postForm(token(), form("grant_type", EXCHANGE, "subject_token", "kc-ada",
                "subject_token_type", "urn:ietf:params:oauth:token-type:id_token", "client_id", "keycloak-token-exchange"), null);
        assertThat(wrongType.text("error_description")).isEqualTo("Invalid subject_token_type");
        Http.Answer wrongSecret = exchange("kc-ada", "client_secret", "guess");
        assertThat(wrongSecret.text("error_description")).isEqualTo("Invalid secret");
    }

    @Test
    void refreshRotatesAndAReusedRefreshTokenIsRefused() {
        Http.Answer first = exchange("kc-rita");
        String r1 = first.text("refresh_token");

        Http.Answer second = Http.postForm(token(), form("grant_type", "refresh_token", "refresh_token", r1), null);
        assertThat(second.status()).isEqualTo(200);
        String r2 = second.text("refresh_token");
        assertThat(r2).isNotEqualTo(r1);
        assertThat(second.json().path("project").path("reference").asText()).isEqualTo("Project/medplum-project-riverside");

        Http.Answer reused = Http.postForm(token(), form("grant_type", "refresh_token", "refresh_token", r1), null);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.text("error")).isEqualTo("invalid_grant");

        Http.Answer third = Http.postForm(token(), form("grant_type", "refresh_token", "refresh_token", r2), null);
        assertThat(third.status()).isEqualTo(200);
        assertThat(Http.postForm(token(), form("grant_type", "refresh_token", "refresh_token", "not-a-jwt"), null)
                .text("error_description")).isEqualTo("Invalid refresh token");
    }

    @Test
    void expiredAccessTokenIsRefusedWith401ButItsRefreshTokenStillWorks() {
        Http.Answer issued = exchange("kc-ada");
        String bearer = "Bearer " + issued.text("access_token");
        assertThat(Http.get(medplum.fhirBaseUrl() + "/Patient?_count=1", bearer).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(61));
        try {
            Http.Answer expired = Http.get(medplum.fhirBaseUrl() + "/Patient?_count=1", bearer);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
            Http.Answer refreshed = Http.postForm(token(), form("grant_type", "refresh_token", "refresh_token", issued.text("refresh_token")), null);
            assertThat(Http.get(medplum.fhirBaseUrl() + "/Patient?_count=1", "Bearer " + refreshed.text("access_token")).status())
                    .isEqualTo(200);
        } finally {
            clock.advance(Duration.ofMinutes(-61));
        }
    }

    @Test
    void logoutRevokesTheAccessTokenAndItsRefreshToken() {
        Http.Answer issued = exchange("kc-ada");
        String bearer = "Bearer " + issued.text("access_token");

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

        clientCredentials("northwind-panels-client", "northwind-local-secret-not-for-production");
        clientCredentials("northwind-panels-client", "wrong");
        Http.postForm(token(), form("grant_type", "refresh_token", "refresh_token", "not-a-token"), null);

        assertThat(medplum.tokenRequests("client_credentials") - clientCredentialsBefore).isEqualTo(2);
        assertThat(medplum.tokenRequests() - before).isEqualTo(3);
        assertThat(medplum.tokenRequests("password")).isZero();
    }
}
