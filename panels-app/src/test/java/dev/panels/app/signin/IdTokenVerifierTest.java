package dev.panels.app.signin;

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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdTokenVerifierTest {

    private static final String ISSUER = "http://localhost:18510/realms/panels";
    private static final RSAKey KEY = generate("k1");
    private static final RSAKey OTHER_KEY = generate("k2");
    private final IdTokenVerifier verifier = new IdTokenVerifier(
            new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK())), ISSUER, "panels-app", Duration.ofSeconds(30));

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience("panels-app").subject("user-1")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("azp", "panels-app").claim("nonce", "nonce-1");
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aGenuineIdTokenForThisLoginPasses() throws Exception {
        assertThat(verifier.verify(sign(KEY, claims().build()), "nonce-1").getSubject()).isEqualTo("user-1");
    }

    @Test
    void aWrongNonceIsRefused() throws Exception {
        assertThatThrownBy(() -> verifier.verify(sign(KEY, claims().build()), "nonce-2")).hasMessageContaining("nonce");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("k1").generate();
        assertThatThrownBy(() -> verifier.verify(sign(impostor, claims().build()), "nonce-1")).isInstanceOf(IdTokenVerifier.Invalid.class);
        assertThatThrownBy(() -> verifier.verify(sign(OTHER_KEY, claims().build()), "nonce-1")).isInstanceOf(IdTokenVerifier.Invalid.class);
    }

    @Test
    void wrongIssuerAudienceAzpOrExpiryIsRefused() throws Exception {
        assertThatThrownBy(() -> verifier.verify(sign(KEY, claims().issuer("http://evil/realms/panels").build()), "nonce-1"))
                .isInstanceOf(IdTokenVerifier.Invalid.class);
        assertThatThrownBy(() -> verifier.verify(sign(KEY, claims().audience(List.of("other")).build()), "nonce-1"))
                .isInstanceOf(IdTokenVerifier.Invalid.class);
        assertThatThrownBy(() -> verifier.verify(sign(KEY, claims().claim("azp", "other").build()), "nonce-1"))
                .hasMessageContaining("another client");
        assertThatThrownBy(() -> verifier.verify(sign(KEY, claims()
                .expirationTime(Date.from(Instant.now().minusSeconds(120))).build()), "nonce-1"))
                .isInstanceOf(IdTokenVerifier.Invalid.class);
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        String unsigned = new com.nimbusds.jwt.PlainJWT(claims().build()).serialize();
        assertThatThrownBy(() -> verifier.verify(unsigned, "nonce-1")).isInstanceOf(IdTokenVerifier.Invalid.class);
        assertThatThrownBy(() -> verifier.verify(null, "nonce-1")).isInstanceOf(IdTokenVerifier.Invalid.class);
    }
}
