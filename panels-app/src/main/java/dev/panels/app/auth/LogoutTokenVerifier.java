package dev.panels.app.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
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
import java.util.Map;
import java.util.Set;

/**
 * Validates an OIDC Back-Channel Logout 1.0 logout token (section 2.6): RS256 signature by a key of
 * the realm's JWKS (cached, refreshed on an unknown kid, so key rotation works), exact issuer,
 * audience containing this client, iat present, exp if present not passed, jti present, the
 * back-channel-logout event, a sid or sub, and no nonce.
 */
public final class LogoutTokenVerifier {

    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private static final Set<JOSEObjectType> ALLOWED_TYPES = Set.of(new JOSEObjectType("logout+jwt"), JOSEObjectType.JWT);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** {@code audiences}: the app's accepted audiences (MP-JWT's list); a logout token must name one of them. */
    public LogoutTokenVerifier(JWKSource<SecurityContext> keys, String issuer, List<String> audiences, Duration clockSkew) {
        // Section 2.4 recommends typ logout+jwt; older issuers send JWT or nothing. Anything else
        // (e.g. at+jwt) is another kind of token and is refused.
        processor.setJWSTypeVerifier((type, context) -> {
            if (type != null && !ALLOWED_TYPES.contains(type)) {
                throw new BadJOSEException("typ " + type + " is not a logout token type");
            }
        });
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                // Nimbus probes these sets with contains(null): they must be null-tolerant (not Set.of).
                new HashSet<>(audiences),
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                new HashSet<>(List.of("iat", "jti", "events")),
                new HashSet<>(List.of("nonce")));
        claims.setMaxClockSkew((int) clockSkew.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    public static LogoutTokenVerifier forJwks(String jwksUrl, String issuer, List<String> audiences, Duration clockSkew) {
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(jwksUrl).toURL()).retrying(true).build();
            return new LogoutTokenVerifier(keys, issuer, audiences, clockSkew);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("mp.jwt.verify.publickey.location is not a URL: " + jwksUrl, e);
        }
    }

    /** The session (or subject) to end; throws {@link Invalid} with a reason safe to return. */
    public Logout verify(String token) {
        if (token == null || token.isBlank()) {
            throw new Invalid("logout_token is required");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new Invalid("logout_token is not a JWT");
        } catch (BadJOSEException | JOSEException e) {
            throw new Invalid("logout_token was rejected: " + e.getMessage());
        }
        Object events;
        try {
            events = claims.getJSONObjectClaim("events");
        } catch (ParseException e) {
            throw new Invalid("events must be a JSON object");
        }
        if (!(events instanceof Map<?, ?> map) || !(map.get(EVENT) instanceof Map<?, ?>)) {
            throw new Invalid("events has no " + EVENT + " member");
        }
        String sid = stringClaim(claims, Claims.SESSION_ID);
        String sub = claims.getSubject();
        if (sid == null && sub == null) {
            throw new Invalid("logout_token names neither sid nor sub");
        }
        return new Logout(sid, sub, claims.getJWTID());
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            String value = claims.getStringClaim(name);
            return value == null || value.isBlank() ? null : value;
        } catch (ParseException e) {
            throw new Invalid(name + " must be a string");
        }
    }

    public record Logout(String sid, String subject, String jti) {
    }

    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
