package dev.panels.emulator.stytch;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/b2b/magic_links/*}: discovery send and authenticate, organization login-or-signup send and
 * authenticate. Emails go to the {@link DevInbox}. Tokens are single use: a used or expired link is
 * {@code 401 unable_to_auth_magic_link}, an unknown one {@code 404 magic_link_not_found}.
 */
final class MagicLinksServlet extends ApiServlet {

    MagicLinksServlet(StytchStore store) {
        super(store);
    }

    @Override
    Map<String, Object> handle(Req req) {
        if (req.is("POST", "v1", "b2b", "magic_links", "email", "discovery", "send")) {
            return discoverySend(req);
        }
        if (req.is("POST", "v1", "b2b", "magic_links", "discovery", "authenticate")) {
            return discoveryAuthenticate(req);
        }
        if (req.is("POST", "v1", "b2b", "magic_links", "email", "login_or_signup")) {
            return loginOrSignup(req);
        }
        if (req.is("POST", "v1", "b2b", "magic_links", "authenticate")) {
            return authenticate(req);
        }
        throw routeNotFound();
    }

    private Map<String, Object> discoverySend(Req req) {
        String email = req.email("email_address");
        String url = store.redirectUrls.resolve(req.optStr("discovery_redirect_url"), "discovery",
                "discovery_redirect_url", RedirectUrls.MAGIC_LINK);
        Integer minutes = req.optInt("discovery_expiration_minutes");
        State.OneTimeToken token = store.newToken("discovery", email, null, null, ttl(minutes));
        store.inbox.add(new DevInbox.SentEmail(email, "Your sign-in link", "discovery_magic_link",
                Redirects.withToken(url, token.type, token.token), null, null, Instant.ofEpochMilli(store.now())));
        return Map.of();
    }

    private Map<String, Object> discoveryAuthenticate(Req req) {
        State.OneTimeToken token = redeem(req.str("discovery_magic_links_token"), "discovery");
        List<Map<String, Object>> factors = List.of(
                Wire.emailFactor(token.emailAddress, Wire.emailIdFor(token.emailAddress), store.now()));
        State.Intermediate ist = store.newIntermediate(token.emailAddress, null, null, factors);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("intermediate_session_token", ist.token);
        out.put("email_address", token.emailAddress);
        out.put("discovered_organizations", Discovery.discovered(store, token.emailAddress, "magic_link", null));
        return out;
    }

    private Map<String, Object> loginOrSignup(Req req) {
        State.Org org = store.org(req.str("organization_id"));
        String email = req.email("email_address");
        boolean existed = store.memberByEmail(org.organizationId, email).isPresent();
        if (!existed && !Discovery.jitAllowed(org, email)) {
            throw new StytchError(403, "email_jit_provisioning_not_allowed",
                    "This email is not a member of the organization and its domain may not join by email.");
        }
        String url = redirectUrl(req, existed ? "login" : "signup", existed ? "signup" : "login");
        Integer minutes = req.optInt(existed ? "login_expiration_minutes" : "signup_expiration_minutes");
        Duration ttl = ttl(minutes);
        State.Member member = Discovery.memberForEmail(store, org, email);
        State.OneTimeToken token = store.newToken("multi_tenant_magic_links", email, org.organizationId,
                member.memberId, ttl);
        store.inbox.add(new DevInbox.SentEmail(email,
                (existed ? "Log in to " : "Join ") + org.organizationName,
                existed ? "login_magic_link" : "signup_magic_link",
                Redirects.withToken(url, token.type, token.token), null, null, Instant.ofEpochMilli(store.now())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("member_id", member.memberId);
        out.put("member_created", !existed);
        out.put("member", Wire.member(member));
        out.put("organization", Wire.organization(org));
        return out;
    }

    /** The {@code <used>_redirect_url} (or its default); a given but unregistered {@code <unused>_redirect_url} fails too. */
    private String redirectUrl(Req req, String used, String unused) {
        store.redirectUrls.requireRegistered(req.optStr(unused + "_redirect_url"), unused, unused + "_redirect_url",
                RedirectUrls.MAGIC_LINK);
        return store.redirectUrls.resolve(req.optStr(used + "_redirect_url"), used, used + "_redirect_url",
                RedirectUrls.MAGIC_LINK);
    }

    private Map<String, Object> authenticate(Req req) {
        String raw = req.str("magic_links_token");
        AuthFlow.SessionOptions options = AuthFlow.SessionOptions.from(req);
        State.OneTimeToken token = redeem(raw, "multi_tenant_magic_links");
        State.Org org = store.org(token.organizationId);
        State.Member member = store.member(org.organizationId, token.memberId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method_id", member.emailId);
        out.put("reset_sessions", false);
        out.putAll(AuthFlow.primary(store, org, member,
                Wire.emailFactor(member.emailAddress, member.emailId, store.now()), "magic_link",
                req.optStr("intermediate_session_token"), options));
        return out;
    }

    /** Uses a magic-link token once. */
    private State.OneTimeToken redeem(String raw, String type) {
        State.OneTimeToken token = store.findToken(raw, type);
        if (token == null) {
            throw StytchError.notFound("magic_link_not_found", "Magic link could not be found.");
        }
        if (!store.usable(token)) {
            throw StytchError.unauthorized("unable_to_auth_magic_link",
                    "The magic link could not be authenticated because it was either already used or expired. "
                            + "Send another magic link to this user.");
        }
        store.markUsed(token);
        return token;
    }

    private static Duration ttl(Integer minutes) {
        if (minutes == null) {
            return StytchStore.MAGIC_LINK_TTL;
        }
        if (minutes < 5 || minutes > 10_080) {
            throw StytchError.badRequest("invalid_expiration", "Expiration minutes must be between 5 and 10080.");
        }
        return Duration.ofMinutes(minutes);
    }
}
