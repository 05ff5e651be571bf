package dev.panels.emulator.stytch;

import com.nimbusds.jwt.JWTClaimsSet;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Session JWTs in Stytch's claim layout: {@code iss = stytch.com/{project_id}}, {@code aud = [project_id]},
 * {@code sub = member_id}, five-minute lifetime, and the {@code https://stytch.com/session} and
 * {@code https://stytch.com/organization} claims the SDK's local verification reads.
 */
final class SessionJwts {

    static final String SESSION_CLAIM = "https://stytch.com/session";
    static final String ORGANIZATION_CLAIM = "https://stytch.com/organization";

    private SessionJwts() {
    }

    static String sign(StytchStore store, State.Session session, State.Member member, State.Org org) {
        long now = store.now();
        Map<String, Object> sessionClaim = new LinkedHashMap<>();
        sessionClaim.put("id", session.memberSessionId);
        sessionClaim.put("started_at", Wire.time(session.startedAt));
        sessionClaim.put("last_accessed_at", Wire.time(session.lastAccessedAt));
        sessionClaim.put("expires_at", Wire.time(session.expiresAt));
        sessionClaim.put("attributes", Map.of("ip_address", "", "user_agent", ""));
        sessionClaim.put("authentication_factors", session.authenticationFactors);
        sessionClaim.put("roles", Wire.sessionRoles(member));

        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        session.customClaims.forEach(claims::claim);
        claims.issuer("stytch.com/" + store.project.projectId)
                .audience(List.of(store.project.projectId))
                .subject(member.memberId)
                .issueTime(new Date(now))
                .notBeforeTime(new Date(now))
                .expirationTime(Date.from(Instant.ofEpochMilli(now).plus(StytchStore.SESSION_JWT_TTL)))
                .claim(SESSION_CLAIM, sessionClaim)
                .claim(ORGANIZATION_CLAIM, Map.of("organization_id", org.organizationId,
                        "slug", org.organizationSlug));
        return store.signingKey().sign(claims.build());
    }
}
