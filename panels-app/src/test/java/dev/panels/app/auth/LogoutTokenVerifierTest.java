package dev.panels.app.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OIDC Back-Channel Logout 1.0, section 2.6, rule by rule. */
class LogoutTokenVerifierTest {

    static final String ISSUER = "https://kc.example/realms/panels";
    static RSAKey key;
    static RSAKey stranger;
    static LogoutTokenVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        verifier = new LogoutTokenVerifier(new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), ISSUER, java.util.List.of("panels-app"), Duration.ofSeconds(30));
    }

    static String token(Consumer<JWTClaimsSet.Builder> change, RSAKey signer, String typ) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience("panels-app").subject("user-1")
                .claim("sid", "session-1").issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(120)))
                .jwtID("jti-1").claim("events", Map.of(LogoutTokenVerifier.EVENT, Map.of()));
        change.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1")
                .type(typ == null ? null : new JOSEObjectType(typ)).build(), claims.build());
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    @Test
    void acceptsAKeycloakStyleLogoutToken() throws Exception {
        assertThat(verifier.verify(token(c -> { }, key, "logout+jwt")))
                .isEqualTo(new LogoutTokenVerifier.Logout("session-1", "user-1", "jti-1"));
        assertThat(verifier.verify(token(c -> c.claim("sid", null), key, null)).sid()).isNull();
    }

    @Test
    void refusesEveryRuleViolation() {
        assertRefused(c -> { }, stranger, "logout+jwt");
        assertRefused(c -> c.issuer("https://evil.example/realms/panels"), key, "logout+jwt");
        assertRefused(c -> c.audience("another-client"), key, "logout+jwt");
        assertRefused(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120))), key, "logout+jwt");
        assertRefused(c -> c.issueTime(null), key, "logout+jwt");
        assertRefused(c -> c.jwtID(null), key, "logout+jwt");
        assertRefused(c -> c.claim("events", null), key, "logout+jwt");
        assertRefused(c -> c.claim("events", Map.of("http://example/other-event", Map.of())), key, "logout+jwt");
        assertRefused(c -> c.claim("nonce", "n"), key, "logout+jwt");
        assertRefused(c -> c.claim("sid", null).subject(null), key, "logout+jwt");
        assertRefused(c -> { }, key, "at+jwt");
    }

    @Test
    void aListOfSeveralAcceptedAudiencesStillTakesTheClientsLogoutTokens() throws Exception {
        LogoutTokenVerifier several = new LogoutTokenVerifier(new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), ISSUER,
                java.util.List.of("panels-app", "panels-reporting"), Duration.ofSeconds(30));

        assertThat(several.verify(token(c -> { }, key, "logout+jwt")).sid()).isEqualTo("session-1");
        assertThatThrownBy(() -> several.verify(token(c -> c.audience("another-client"), key, "logout+jwt")))
                .isInstanceOf(LogoutTokenVerifier.Invalid.class);
    }

    @Test
    void refusesGarbage() {
        assertThatThrownBy(() -> verifier.verify("not-a-jwt")).isInstanceOf(LogoutTokenVerifier.Invalid.class);
        assertThatThrownBy(() -> verifier.verify(null)).isInstanceOf(LogoutTokenVerifier.Invalid.class);
    }

    private static void assertRefused(Consumer<JWTClaimsSet.Builder> change, RSAKey signer, String typ) {
        assertThatThrownBy(() -> verifier.verify(token(change, signer, typ))).isInstanceOf(LogoutTokenVerifier.Invalid.class);
    }
}
