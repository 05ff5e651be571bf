package dev.panels.emulator.common;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.util.Date;
import java.util.Optional;

/** An RS256 signing key with its public JWKS, as the emulated services publish theirs. */
public final class RsaSigningKey {

    private final RSAKey jwk;

    private RsaSigningKey(RSAKey jwk) {
        this.jwk = jwk;
    }

    public static RsaSigningKey generate(String keyIdPrefix) {
        try {
            return new RsaSigningKey(new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(false)
                    .keyID(keyIdPrefix + "-" + Long.toHexString(System.nanoTime()))
                    .generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("RSA key generation failed", e);
        }
    }

    /** Restores a key saved with {@link #toPrivateJson()} (state snapshots keep issued JWTs valid). */
    public static RsaSigningKey fromPrivateJson(String json) {
        try {
            return new RsaSigningKey(RSAKey.parse(json));
        } catch (ParseException e) {
            throw new IllegalArgumentException("not an RSA private JWK: " + e.getMessage(), e);
        }
    }

    public String toPrivateJson() {
        return jwk.toJSONString();
    }

    public String keyId() {
        return jwk.getKeyID();
    }

    /** {@code {"keys":[...]}} with the public half only. */
    public String jwksJson() {
        return new JWKSet(jwk.toPublicJWK()).toString(true);
    }

    public RSAKey publicJwk() {
        return jwk.toPublicJWK();
    }

    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .type(JOSEObjectType.JWT).keyID(jwk.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(jwk));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("JWT signing failed", e);
        }
    }

    /**
     * The claims of a JWT this key signed, when its signature verifies, its algorithm is RS256 and it has not
     * expired at {@code now}; empty otherwise (malformed, foreign, tampered or expired).
     */
    public Optional<JWTClaimsSet> verify(String token, Date now) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new RSASSAVerifier(jwk.toRSAPublicKey()))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            return exp != null && exp.after(now) ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}
