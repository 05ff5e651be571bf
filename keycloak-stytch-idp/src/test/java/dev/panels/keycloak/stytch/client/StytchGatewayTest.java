package dev.panels.keycloak.stytch.client;

import dev.panels.emulator.common.FaultInjection;
import dev.panels.emulator.stytch.StytchEmulator;
import dev.panels.emulator.stytch.StytchEmulatorConfig;
import dev.panels.emulator.stytch.Totp;
import dev.panels.keycloak.stytch.client.StytchFailure.Kind;
import dev.panels.keycloak.stytch.client.StytchModels.Discovery;
import dev.panels.keycloak.stytch.client.StytchModels.MemberAuth;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway through the real Stytch SDK against the in-process emulator: results, error mapping, JWT checks. */
class StytchGatewayTest {

    static final String NORTHWIND = "organization-test-11111111-1111-4111-8111-111111111111";
    static final String RIVERSIDE = "organization-test-22222222-2222-4222-8222-222222222222";
    static final String ADA = "member-test-11111111-aaaa-4aaa-8aaa-000000000001";
    static final String RITA = "member-test-22222222-bbbb-4bbb-8bbb-000000000001";

    static StytchEmulator emu;
    static StytchGateway gateway;

    @BeforeAll
    static void start() {
        emu = StytchEmulator.start(StytchEmulatorConfig.builder().host("127.0.0.1").port(0)
                .redirectUrl("discovery", "http://127.0.0.1:1/cb?attempt={}").redirectUrl("discovery", "http://127.0.0.1:1/cb").build());
        gateway = new StytchGateway(emu.projectId(), emu.secret(), emu.baseUrl(), 5);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        emu.close();
    }

    @AfterEach
    void healthy() {
        emu.faults().reset();
    }

    static String token(String link) {
        return link.replaceAll(".*[?&]token=([^&#]+).*", "$1");
    }

    Discovery discover(String email) {
        gateway.sendDiscoveryEmail(email, "http://127.0.0.1:1/cb?attempt=x", 15L);
        return gateway.authenticateDiscoveryMagicLink(token(emu.inbox().latestFor(email).orElseThrow().link()));
    }

    @Test
    void discoveryThenExchangeGivesAMemberSessionWhoseJwtVerifies() {
        Discovery d = discover("rita.admin@riverside.example");
        assertThat(d.email()).isEqualTo("rita.admin@riverside.example");
        assertThat(d.organizations()).extracting(o -> o.organization().organizationId()).containsExactly(RIVERSIDE);
        assertThat(d.toString()).doesNotContain(d.intermediateSessionToken());

        MemberAuth auth = gateway.exchangeIntermediateSession(d.intermediateSessionToken(), RIVERSIDE, 30);
        assertThat(auth.memberAuthenticated()).isTrue();
        assertThat(auth.member().memberId()).isEqualTo(RITA);
        assertThat(auth.member().roles()).contains("panels-admin");
        assertThat(auth.toString()).doesNotContain(auth.sessionJwt());

        SessionJwtVerifier.VerifiedSession v = gateway.verifySessionJwt(auth.sessionJwt(), RITA, auth.sessionId());
        assertThat(v.organizationId()).isEqualTo(RIVERSIDE);
        assertThat(v.organizationSlug()).isEqualTo("riverside");
        assertThat(gateway.memberSessions(RIVERSIDE, RITA)).extracting(StytchModels.MemberSessionInfo::sessionId).contains(auth.sessionId());

        // the JWT must name the member and session the API answered with
        assertThatThrownBy(() -> gateway.verifySessionJwt(auth.sessionJwt(), ADA, auth.sessionId())).hasMessageContaining("another member");
        assertThatThrownBy(() -> gateway.verifySessionJwt(auth.sessionJwt(), RITA, "member-session-other")).hasMessageContaining("another session");

        gateway.revokeSession(auth.sessionId());
        assertThat(gateway.memberSessions(RIVERSIDE, RITA)).extracting(StytchModels.MemberSessionInfo::sessionId).doesNotContain(auth.sessionId());
    }

    @Test
    void aJwtSignedWithAnotherKeyOrForAnotherProjectIsRejected() throws Exception {
        RsaJsonWebKey forger = RsaJwkGenerator.generateJwk(2048);
        forger.setKeyId("forged");
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("stytch.com/" + emu.projectId());
        claims.setAudience(emu.projectId());
        claims.setSubject(RITA);
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setIssuedAtToNow();
        claims.setClaim(SessionJwtVerifier.SESSION_CLAIM, Map.of("id", "member-session-x"));
        claims.setClaim(SessionJwtVerifier.ORGANIZATION_CLAIM, Map.of("organization_id", RIVERSIDE, "slug", "riverside"));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(forger.getPrivateKey());
        jws.setKeyIdHeaderValue("forged");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        String forged = jws.getCompactSerialization();
        assertThatThrownBy(() -> gateway.verifySessionJwt(forged, RITA, "member-session-x"))
                .isInstanceOf(StytchFailure.class).hasMessageContaining("rejected").hasMessageNotContaining(forged);

        // a genuine JWT checked for another project (audience/issuer) is rejected too
        Discovery d = discover("sam.builder@riverside.example");
        MemberAuth auth = gateway.exchangeIntermediateSession(d.intermediateSessionToken(), RIVERSIDE, 30);
        SessionJwtVerifier otherProject = new SessionJwtVerifier(emu.baseUrl() + "/v1/b2b/sessions/jwks/" + emu.projectId(),
                "project-test-someone-else", 5);
        assertThatThrownBy(() -> otherProject.verify(auth.sessionJwt(), null, null)).isInstanceOf(StytchFailure.class);
        // and an altered payload breaks the signature
        String[] parts = auth.sessionJwt().split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThatThrownBy(() -> gateway.verifySessionJwt(tampered, null, null)).isInstanceOf(StytchFailure.class);
    }

    @Test
    void aUsedMagicLinkIsLinkInvalid() {
        gateway.sendDiscoveryEmail("sam.builder@riverside.example", "http://127.0.0.1:1/cb", 15L);
        String t = token(emu.inbox().latestFor("sam.builder@riverside.example").orElseThrow().link());
        gateway.authenticateDiscoveryMagicLink(t);
        assertThatThrownBy(() -> gateway.authenticateDiscoveryMagicLink(t))
                .isInstanceOf(StytchFailure.class).extracting(e -> ((StytchFailure) e).kind()).isEqualTo(Kind.LINK_INVALID);
        assertThatThrownBy(() -> gateway.authenticateDiscoveryMagicLink("no-such-token"))
                .extracting(e -> ((StytchFailure) e).kind()).isEqualTo(Kind.LINK_INVALID);
    }

    @Test
    void passwordsAndMfa() {
        assertThatThrownBy(() -> gateway.authenticatePassword(RIVERSIDE, "rita.admin@riverside.example", "wrong", 30))
                .extracting(e -> ((StytchFailure) e).kind()).isEqualTo(Kind.WRONG_PASSWORD);
        MemberAuth ada = gateway.authenticatePassword(NORTHWIND, "ada.admin@northwind.example", "ada-Northwind-1", 30);
        assertThat(ada.memberAuthenticated()).isFalse();
        assertThat(ada.mfa()).isNotNull();
        assertThat(ada.mfa().hasTotp()).isTrue();
        assertThatThrownBy(() -> gateway.authenticateTotp(NORTHWIND, ADA, "000000".equals(Totp.code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Instant.now())) ? "111111" : "000000",
                ada.intermediateSessionToken(), 30)).extracting(e -> ((StytchFailure) e).kind()).isEqualTo(Kind.MFA_CODE_INVALID);
        MemberAuth done = gateway.authenticateTotp(NORTHWIND, ADA, Totp.code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Instant.now()),
                ada.intermediateSessionToken(), 30);
        assertThat(done.memberAuthenticated()).isTrue();
        assertThat(gateway.verifySessionJwt(done.sessionJwt(), ADA, done.sessionId()).organizationId()).isEqualTo(NORTHWIND);
    }

    @Test
    void organizationsBySlugAndId() {
        assertThat(gateway.getOrganization(RIVERSIDE).ssoConnections()).isNotEmpty();
    }

    @Test
    void stytchDownAndBadCredentialsAreClassified() {
        emu.faults().update(new FaultInjection.Settings(0, 0, 503, true));
        assertThatThrownBy(() -> gateway.getOrganization(RIVERSIDE))
                .extracting(e -> ((StytchFailure) e).kind()).isEqualTo(Kind.UNAVAILABLE);
        emu.faults().reset();
        try (StytchGateway wrongSecret = new StytchGateway(emu.projectId(), "secret-test-wrong", emu.baseUrl(), 5)) {
            assertThatThrownBy(() -> wrongSecret.getOrganization(RIVERSIDE))
                    .extracting(e -> ((StytchFailure) e).kind()).isEqualTo(Kind.MISCONFIGURED);
        }
        try (StytchGateway nobody = new StytchGateway(emu.projectId(), emu.secret(), "http://127.0.0.1:9", 2)) {
            assertThatThrownBy(() -> nobody.getOrganization(RIVERSIDE))
                    .extracting(e -> ((StytchFailure) e).kind()).isEqualTo(Kind.UNAVAILABLE);
        }
    }
}
