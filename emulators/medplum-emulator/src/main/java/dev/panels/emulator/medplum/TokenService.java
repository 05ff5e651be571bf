package dev.panels.emulator.medplum;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.panels.emulator.common.RsaSigningKey;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Medplum's Login records and the RS256 tokens issued for them (claims as in Medplum's {@code oauth/keys.ts}:
 * access tokens carry {@code login_id}, {@code client_id}, {@code sub}, {@code username}, {@code scope},
 * {@code profile}, and {@code email} when the scope names it ({@code getAuthTokens} in {@code oauth/utils.ts});
 * refresh tokens carry {@code login_id} and a {@code refresh_secret} that rotates on every use).
 */
final class TokenService {

    /**
     * One sign-in, bound to one ProjectMembership (Medplum's {@code Login.membership}). {@code subject} is the User's
     * id, or the ClientApplication's for client credentials; {@code email} the User's, put in the access token when
     * the scope asks for {@code email}. {@code refreshSecret} is null when the login may not refresh.
     */
    static final class Login {
        final String id = UUID.randomUUID().toString();
        final String clientId;
        final String subject;
        final String email;
        final Directory.Membership membership;
        final String projectId;
        final String profile;
        final String scope;
        volatile String refreshSecret;
        volatile boolean revoked;

        Login(String clientId, String subject, String email, Directory.Membership membership, String scope, boolean refreshable) {
            this.clientId = clientId;
            this.subject = subject;
            this.email = email;
            this.membership = membership;
            this.projectId = membership.projectId;
            this.profile = membership.profile;
            this.scope = scope;
            this.refreshSecret = refreshable ? secret() : null;
        }
    }

    record Issued(Login login, String accessToken, String refreshToken, long expiresIn) {
    }

    /** Why a refresh failed, as Medplum's token endpoint words it. */
    static final class RefreshRefused extends Exception {
        final String error;

        RefreshRefused(String error, String description) {
            super(description);
            this.error = error;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RsaSigningKey key;
    /** Set once the server is bound (the issuer names its port); tokens are only issued after that. */
    private volatile String issuer;
    private final Duration accessLifetime;
    private final Clock clock;
    private final Map<String, Login> logins = new ConcurrentHashMap<>();

    TokenService(RsaSigningKey key, Duration accessLifetime, Clock clock) {
        this.key = key;
        this.accessLifetime = accessLifetime;
        this.clock = clock;
    }

    String jwksJson() {
        return key.jwksJson();
    }

    void issuer(String issuer) {
        this.issuer = issuer;
    }

    Issued issue(Login login) {
        logins.put(login.id, login);
        return tokens(login);
    }

    private Issued tokens(Login login) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder access = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(login.subject)
                .audience(login.clientId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(accessLifetime)))
                .claim("client_id", login.clientId)
                .claim("login_id", login.id)
                .claim("username", login.subject)
                .claim("scope", login.scope)
                .claim("profile", login.profile);
        if (login.email != null && login.scope.contains("email")) {
            // Medplum's getAuthTokens: the user's email only when the scope asks for it.
            access.claim("email", login.email);
        }
        String refresh = null;
        String secret = login.refreshSecret;
        if (secret != null) {
            refresh = key.sign(new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .audience(login.clientId)
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(MedplumEmulatorConfig.REFRESH_TOKEN_LIFETIME)))
                    .claim("client_id", login.clientId)
                    .claim("login_id", login.id)
                    .claim("refresh_secret", secret)
                    .build());
        }
        return new Issued(login, key.sign(access.build()), refresh, accessLifetime.toSeconds());
    }

    /**
     * The login of a valid access token: signature, algorithm, issuer, expiry, revocation, and that its membership
     * is still active (a member deactivated since sign-in loses access at once, as in Medplum).
     */
    Optional<Login> verifyAccess(String token) {
        return verified(token)
                .filter(c -> c.getClaim("refresh_secret") == null)
                .map(c -> logins.get(stringClaim(c, "login_id")))
                .filter(l -> !l.revoked && l.membership.active());
    }

    /** {@code Authorization: Bearer <access token>} to its login, as every authenticated Medplum route does. */
    Optional<Login> verifyBearer(String authorizationHeader) {
        return authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)
                ? verifyAccess(authorizationHeader.substring(7).trim()) : Optional.empty();
    }

    /**
     * Rotation: every successful refresh replaces the secret, so a refresh token works once. {@code basic} is the
     * {@code [id, secret]} of an HTTP Basic header sent along, or null. The membership's {@code active} flag is not
     * looked at here (Medplum's refresh does not either); the access token issued is refused on use instead.
     */
    synchronized Issued refresh(String refreshToken, String[] basic) throws RefreshRefused {
        JWTClaimsSet claims = verified(refreshToken).orElseThrow(() ->
                new RefreshRefused("invalid_request", "Invalid refresh token"));
        Login login = logins.get(stringClaim(claims, "login_id"));
        String presented = stringClaim(claims, "refresh_secret");
        if (login == null || login.refreshSecret == null || presented == null) {
            throw new RefreshRefused("invalid_request", "Invalid refresh token");
        }
        if (login.revoked) {
            throw new RefreshRefused("invalid_grant", "Token revoked");
        }
        if (!MessageDigest.isEqual(login.refreshSecret.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8))) {
            // An already rotated (reused) refresh token. Medplum's server words this 'invalid_request'/'Invalid
            // token'; the emulator answers RFC 6749's invalid_grant, which clients must treat the same way.
            throw new RefreshRefused("invalid_grant", "Invalid token");
        }
        if (basic != null && !login.clientId.equals(basic[0])) {
            throw new RefreshRefused("invalid_grant", "Incorrect client");
        }
        if (basic != null && (basic[1] == null || basic[1].isEmpty())) {
            throw new RefreshRefused("invalid_grant", "Incorrect client secret");
        }
        login.refreshSecret = secret();
        return tokens(login);
    }

    void revoke(Login login) {
        login.revoked = true;
    }

    private Optional<JWTClaimsSet> verified(String token) {
        return key.verify(token, Date.from(clock.instant())).filter(c -> issuer.equals(c.getIssuer()));
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            return null;
        }
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
