package dev.panels.app.signin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

/**
 * OIDC Core 3.1.3.7 ID token validation: RS256 signature by a key of the realm's JWKS (cached, refetched on
 * an unknown kid so key rotation works), exact issuer, audience containing this client, {@code azp} equal to
 * this client when present, unexpired, and the nonce this login sent.
 */
public final class IdTokenVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String clientId;

    public IdTokenVerifier(JWKSource<SecurityContext> keys, String issuer, String clientId, Duration clockSkew) {
        this.clientId = clientId;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new HashSet<>(List.of(clientId)),
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                new HashSet<>(List.of("sub", "iat", "exp", "nonce")),
                null);
        claims.setMaxClockSkew((int) clockSkew.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    public static IdTokenVerifier forJwks(String jwksUrl, String issuer, String clientId, Duration clockSkew) {
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(jwksUrl).toURL()).retrying(true).build();
            return new IdTokenVerifier(keys, issuer, clientId, clockSkew);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("the JWKS location is not a URL", e);
        }
    }

    /** The verified claims; throws {@link Invalid} with a reason safe to log (never the token). */
    public JWTClaimsSet verify(String idToken, String expectedNonce) {
        if (idToken == null || idToken.isBlank()) {
            throw new Invalid("the token response has no ID token");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(idToken, null);
        } catch (ParseException e) {
            throw new Invalid("the ID token is not a JWT");
        } catch (BadJOSEException | JOSEException e) {
            throw new Invalid("the ID token was rejected: " + e.getMessage());
        }
        Object nonce = claims.getClaim("nonce");
        if (!(nonce instanceof String n) || !Pkce.same(n, expectedNonce)) {
            throw new Invalid("the ID token's nonce does not match this login");
        }
        Object azp = claims.getClaim("azp");
        if (azp != null && !clientId.equals(azp)) {
            throw new Invalid("the ID token was issued to another client");
        }
        return claims;
    }

    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
