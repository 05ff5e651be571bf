package dev.panels.keycloak.stytch.client;

import dev.panels.keycloak.stytch.client.StytchFailure.Kind;
import org.jose4j.http.Get;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

import java.util.Map;

/**
 * Verifies Stytch B2B session JWTs: RS256 signature against the project's JWKS (cached, refetched on an unknown key
 * id), {@code iss = stytch.com/<project>}, {@code aud = <project>}, {@code exp}/{@code nbf} with 30 s skew, and that the
 * token names the expected member and member session.
 */
public class SessionJwtVerifier {

    public static final String SESSION_CLAIM = "https://stytch.com/session";
    public static final String ORGANIZATION_CLAIM = "https://stytch.com/organization";

    /** What a verified session JWT states. */
    public record VerifiedSession(String memberId, String sessionId, String organizationId, String organizationSlug) {
    }

    private final JwtConsumer consumer;

    public SessionJwtVerifier(String jwksUrl, String projectId, int timeoutSeconds) {
        HttpsJwks jwks = new HttpsJwks(jwksUrl);
        Get get = new Get();
        get.setConnectTimeout(timeoutSeconds * 1000);
        get.setReadTimeout(timeoutSeconds * 1000);
        jwks.setSimpleHttpGet(get);
        jwks.setDefaultCacheDuration(600);
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer("stytch.com/" + projectId)
                .setExpectedAudience(projectId)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .build();
    }

    public VerifiedSession verify(String jwt, String expectedMemberId, String expectedSessionId) {
        if (jwt == null || jwt.isEmpty()) {
            throw StytchFailure.of(Kind.UNEXPECTED, "Stytch returned no session JWT");
        }
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(jwt);
        } catch (InvalidJwtException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.io.IOException) {
                    throw new StytchFailure(Kind.UNAVAILABLE, "cannot fetch the Stytch JWKS: " + t.getClass().getSimpleName(), null);
                }
            }
            // jose4j's own message quotes the JWT: report only its error codes.
            throw StytchFailure.of(Kind.UNEXPECTED, "Stytch session JWT rejected (" + reason(e) + ")");
        }
        try {
            String sub = claims.getSubject();
            Map<String, Object> session = claims.getClaimValue(SESSION_CLAIM, Map.class);
            Map<String, Object> organization = claims.getClaimValue(ORGANIZATION_CLAIM, Map.class);
            String sessionId = session == null ? null : (String) session.get("id");
            String orgId = organization == null ? null : (String) organization.get("organization_id");
            String slug = organization == null ? null : (String) organization.get("slug");
            if (expectedMemberId != null && !expectedMemberId.equals(sub)) {
                throw StytchFailure.of(Kind.UNEXPECTED, "Stytch session JWT names another member");
            }
            if (expectedSessionId != null && !expectedSessionId.equals(sessionId)) {
                throw StytchFailure.of(Kind.UNEXPECTED, "Stytch session JWT names another session");
            }
            if (sessionId == null || orgId == null) {
                throw StytchFailure.of(Kind.UNEXPECTED, "Stytch session JWT lacks the session or organization claim");
            }
            return new VerifiedSession(sub, sessionId, orgId, slug);
        } catch (MalformedClaimException | ClassCastException e) {
            throw StytchFailure.of(Kind.UNEXPECTED, "Stytch session JWT has malformed claims");
        }
    }

    static String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "expired";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.MISCELLANEOUS)) {
            return "signature not verified";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "wrong audience";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "wrong issuer";
        }
        return "jose4j error codes " + e.getErrorDetails().stream().map(d -> Integer.toString(d.getErrorCode())).toList();
    }
}
