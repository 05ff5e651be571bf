package dev.panels.emulator.stytch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /v1/b2b/sso/authenticate}, {@code /v1/b2b/oauth/authenticate} and
 * {@code /v1/b2b/oauth/discovery/authenticate}: redeem the single-use tokens the emulated identity provider pages
 * ({@link EmulatedIdpServlet}) put on the redirect. Unknown, used and expired tokens are {@code 404}
 * {@code sso_token_not_found} / {@code oauth_token_not_found}.
 */
final class SsoOAuthServlet extends ApiServlet {

    SsoOAuthServlet(StytchStore store) {
        super(store);
    }

    @Override
    Map<String, Object> handle(Req req) {
        if (req.is("POST", "v1", "b2b", "sso", "authenticate")) {
            return sso(req);
        }
        if (req.is("POST", "v1", "b2b", "oauth", "authenticate")) {
            return oauth(req);
        }
        if (req.is("POST", "v1", "b2b", "oauth", "discovery", "authenticate")) {
            return oauthDiscovery(req);
        }
        throw routeNotFound();
    }

    private Map<String, Object> sso(Req req) {
        String raw = req.str("sso_token");
        AuthFlow.SessionOptions options = AuthFlow.SessionOptions.from(req);
        State.OneTimeToken token = redeem(raw, "sso", "sso_token_not_found", "SSO token");
        State.Org org = store.org(token.organizationId);
        State.Member member = store.member(org.organizationId, token.memberId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reset_session", false);
        out.putAll(AuthFlow.primary(store, org, member, Wire.ssoFactor(token.connectionId, member.memberId, store.now()),
                "sso", req.optStr("intermediate_session_token"), options));
        return out;
    }

    private Map<String, Object> oauth(Req req) {
        String raw = req.str("oauth_token");
        AuthFlow.SessionOptions options = AuthFlow.SessionOptions.from(req);
        State.OneTimeToken token = redeem(raw, "oauth", "oauth_token_not_found", "OAuth token");
        State.Org org = store.org(token.organizationId);
        State.Member member = store.member(org.organizationId, token.memberId);
        String subject = subject(token.provider, member.emailAddress);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("provider_subject", subject);
        out.put("provider_type", providerType(token.provider));
        out.put("reset_sessions", false);
        out.put("provider_values", null);
        out.putAll(AuthFlow.primary(store, org, member,
                Wire.oauthFactor(token.provider, subject, member.emailId, store.now()),
                token.provider + "_oauth", req.optStr("intermediate_session_token"), options));
        return out;
    }

    private Map<String, Object> oauthDiscovery(Req req) {
        State.OneTimeToken token = redeem(req.str("discovery_oauth_token"), "discovery_oauth",
                "oauth_token_not_found", "OAuth token");
        String email = token.emailAddress;
        String subject = subject(token.provider, email);
        State.Intermediate ist = store.newIntermediate(email, null, null,
                List.of(Wire.oauthFactor(token.provider, subject, Wire.emailIdFor(email), store.now())));
        String fullName = store.membersByEmail(email).stream().map(m -> m.name).filter(n -> !n.isBlank())
                .findFirst().orElse("");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("intermediate_session_token", ist.token);
        out.put("email_address", email);
        out.put("discovered_organizations", Discovery.discovered(store, email, token.provider + "_oauth", null));
        out.put("provider_type", providerType(token.provider));
        out.put("provider_tenant_id", "");
        out.put("provider_tenant_ids", List.of());
        out.put("full_name", fullName);
        return out;
    }

    private State.OneTimeToken redeem(String raw, String type, String notFoundType, String what) {
        State.OneTimeToken token = store.findToken(raw, type);
        if (token == null || !store.usable(token)) {
            throw StytchError.notFound(notFoundType, what + " could not be found: it is unknown, already used or expired.");
        }
        store.markUsed(token);
        return token;
    }

    /** A stable, provider-style subject for an email (the emulated provider has no accounts of its own). */
    static String subject(String provider, String email) {
        return provider + "-subject-" + Wire.emailIdFor(email).substring("email-test-".length());
    }

    static String providerType(String provider) {
        return provider.substring(0, 1).toUpperCase(Locale.ROOT) + provider.substring(1);
    }
}
