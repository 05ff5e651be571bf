package dev.panels.emulator.medplum;

import com.fasterxml.jackson.core.type.TypeReference;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Validates a token-exchange subject token the way Medplum's {@code packages/server/src/oauth/external-token.ts}
 * does with a userinfo URL ({@code getExternalUserInfo}, {@code assertExternalTokenAudience}): the identity
 * provider's userinfo endpoint is called with the token as bearer; whatever it answers 200 to is valid, and its
 * claims are the result. The call goes through {@link OutboundPolicy}, Medplum's {@code safeFetch}.
 */
final class ExternalTokenVerifier {

    /** Medplum words every failure to reach or believe the identity provider the same way. */
    static final String FAILED = "Failed to verify code - check your identity provider configuration";

    private static final TypeReference<Map<String, Object>> CLAIMS = new TypeReference<>() { };

    // Redirects are not followed (Java's default): a userinfo endpoint that redirects fails here, where Medplum's
    // fetch would follow it with each hop checked. Stricter, never more permissive.
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final OutboundPolicy outbound;

    ExternalTokenVerifier(OutboundPolicy outbound) {
        this.outbound = outbound;
    }

    Map<String, Object> verify(Directory.IdentityProvider idp, String token) throws TokenRefused {
        Map<String, Object> claims = userInfo(idp.userInfoUrl(), token);
        if (idp.audience() != null) {
            Map<String, Object> audienceSource = isJwt(token) ? jwtPayload(token) : claims;
            if (audienceSource == null || !hasAudience(audienceSource.get("aud"), idp.audience())) {
                throw TokenRefused.invalidRequest("Invalid token audience - check your identity provider configuration");
            }
        }
        return claims;
    }

    private Map<String, Object> userInfo(String url, String token) throws TokenRefused {
        HttpResponse<String> response;
        try {
            URI uri = URI.create(url);
            outbound.check(uri);
            response = http.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json")
                    .header("Accept-Encoding", "identity")
                    .header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw TokenRefused.invalidRequest(FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TokenRefused.invalidRequest(FAILED);
        }
        if (response.statusCode() == 429) {
            throw TokenRefused.oauth(429, "invalid_request", "Too Many Requests");
        }
        if (response.statusCode() != 200) {
            throw TokenRefused.invalidRequest(FAILED);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        Map<String, Object> claims;
        if (contentType.contains("application/json")) {
            claims = parse(response.body());
        } else if (contentType.contains("application/jwt")) {
            claims = jwtPayload(response.body().trim());
        } else {
            throw TokenRefused.invalidRequest("Failed to verify code - unsupported content type: " + contentType);
        }
        if (claims == null) {
            throw TokenRefused.invalidRequest(FAILED);
        }
        return claims;
    }

    private static boolean hasAudience(Object aud, String expected) {
        if (aud instanceof String s) {
            return s.equals(expected);
        }
        return aud instanceof Collection<?> values && values.contains(expected);
    }

    /** Medplum's {@code isJwt}: three dot-separated parts. */
    private static boolean isJwt(String token) {
        return token.split("\\.", -1).length == 3;
    }

    /** The payload of a JWT, unverified (Medplum's {@code parseJWTPayload}); null if it is not one. */
    private static Map<String, Object> jwtPayload(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            return parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JsonResponses.MAPPER.readValue(json, CLAIMS);
        } catch (IOException e) {
            return null;
        }
    }
}
