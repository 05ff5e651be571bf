package dev.panels.emulator.stytch;

import com.nimbusds.jose.jwk.RSAKey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/b2b/sessions/*}: authenticate (by token or JWT), get, revoke, exchange, and the public JWKS the SDK
 * fetches for local JWT verification. Revoked, expired and unknown sessions are all {@code 404 session_not_found}.
 */
final class SessionsServlet extends ApiServlet {

    SessionsServlet(StytchStore store) {
        super(store);
    }

    @Override
    boolean isPublic(String path) {
        // The SDK's JWKS cache fetches keys without credentials, as Stytch allows.
        return path.startsWith("/v1/b2b/sessions/jwks/");
    }

    @Override
    Map<String, Object> handle(Req req) {
        if (req.is("GET", "v1", "b2b", "sessions")) {
            return get(req);
        }
        if (req.is("POST", "v1", "b2b", "sessions", "authenticate")) {
            return authenticate(req);
        }
        if (req.is("POST", "v1", "b2b", "sessions", "revoke")) {
            return revoke(req);
        }
        if (req.is("POST", "v1", "b2b", "sessions", "exchange")) {
            return exchange(req);
        }
        if ("GET".equals(req.method) && req.segments.size() == 5 && "jwks".equals(req.seg(3))) {
            return jwks(req.seg(4));
        }
        throw routeNotFound();
    }

    private Map<String, Object> get(Req req) {
        State.Org org = store.org(req.str("organization_id"));
        State.Member member = store.member(org.organizationId, req.str("member_id"));
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (State.Session s : store.liveSessionsOf(member.memberId)) {
            sessions.add(Wire.memberSession(s, member, org));
        }
        return Map.of("member_sessions", sessions);
    }

    private State.Session sessionFrom(Req req) {
        String token = req.optStr("session_token");
        String jwt = req.optStr("session_jwt");
        if ((token == null || token.isBlank()) && (jwt == null || jwt.isBlank())) {
            throw StytchError.badRequest("no_session_arguments", "One of session_token or session_jwt is required.");
        }
        return token != null && !token.isBlank() ? store.sessionByToken(token) : store.sessionByJwt(jwt);
    }

    private Map<String, Object> authenticate(Req req) {
        Integer minutes = req.optInt("session_duration_minutes");
        Map<String, Object> claims = req.optMap("session_custom_claims");
        State.Session session = sessionFrom(req);
        long now = store.now();
        session.lastAccessedAt = now;
        if (minutes != null) {
            session.expiresAt = now + Duration.ofMinutes(StytchStore.sessionMinutes(minutes)).toMillis();
        }
        if (claims != null) {
            session.customClaims.putAll(claims);
        }
        State.Member member = store.members.get(session.memberId);
        State.Org org = store.orgs.get(session.organizationId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("member_session", Wire.memberSession(session, member, org));
        out.put("session_token", session.sessionToken);
        out.put("session_jwt", store.sessionJwt(session));
        out.put("member", Wire.member(member));
        out.put("organization", Wire.organization(org));
        out.put("verdict", null);
        return out;
    }

    private Map<String, Object> revoke(Req req) {
        String id = req.optStr("member_session_id");
        String token = req.optStr("session_token");
        String jwt = req.optStr("session_jwt");
        State.Session session;
        if (id != null && !id.isBlank()) {
            session = store.sessionById(id).orElseThrow(() ->
                    StytchError.notFound("session_not_found", "Session could not be found."));
        } else if ((token != null && !token.isBlank()) || (jwt != null && !jwt.isBlank())) {
            session = sessionFrom(req);
        } else {
            throw StytchError.badRequest("no_session_revoke_arguments",
                    "One of member_session_id, session_token or session_jwt is required.");
        }
        store.revoke(session);
        return Map.of();
    }

    /** Moves a session to another organization the same email belongs to; the old session ends. */
    private Map<String, Object> exchange(Req req) {
        AuthFlow.SessionOptions options = AuthFlow.SessionOptions.from(req);
        State.Org target = store.org(req.str("organization_id"));
        State.Session session = sessionFrom(req);
        State.Member current = store.members.get(session.memberId);
        State.Member member = Discovery.memberForEmail(store, target, current.emailAddress);
        store.revoke(session);
        return AuthFlow.afterPrimary(store, target, member, session.authenticationFactors.stream()
                .filter(f -> !Wire.isMfaFactor(f)).toList(), AuthFlow.authMethodOf(session.authenticationFactors),
                options);
    }

    private Map<String, Object> jwks(String projectId) {
        if (!store.project.projectId.equals(projectId)) {
            throw StytchError.notFound("project_not_found", "Project could not be found.");
        }
        RSAKey key = store.signingKey().publicJwk();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("key_ops", List.of("verify"));
        jwk.put("alg", "RS256");
        jwk.put("kid", key.getKeyID());
        jwk.put("x5c", List.of());
        // The SDK's JWK model requires "x5tS256" (sic); jose4j ignores it. No certificate chain is published.
        jwk.put("x5tS256", "");
        jwk.put("n", key.getModulus().toString());
        jwk.put("e", key.getPublicExponent().toString());
        return Map.of("keys", List.of(jwk));
    }
}
