package dev.panels.emulator.stytch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code /v1/b2b/discovery/*}: list the organizations an intermediate session (or a member session) can enter,
 * exchange an intermediate session for a session in one organization, and create an organization from one.
 */
final class DiscoveryServlet extends ApiServlet {

    static final Pattern SLUG = Pattern.compile("^[a-z0-9._~-]{2,128}$");

    DiscoveryServlet(StytchStore store) {
        super(store);
    }

    @Override
    Map<String, Object> handle(Req req) {
        if (req.is("POST", "v1", "b2b", "discovery", "organizations")) {
            return list(req);
        }
        if (req.is("POST", "v1", "b2b", "discovery", "intermediate_sessions", "exchange")) {
            return exchange(req);
        }
        if (req.is("POST", "v1", "b2b", "discovery", "organizations", "create")) {
            return create(req);
        }
        throw routeNotFound();
    }

    private Map<String, Object> list(Req req) {
        String istToken = req.optStr("intermediate_session_token");
        String sessionToken = req.optStr("session_token");
        String sessionJwt = req.optStr("session_jwt");
        String email;
        String sessionOrg = null;
        String method;
        if (istToken != null && !istToken.isBlank()) {
            State.Intermediate ist = store.intermediate(istToken);
            email = ist.emailAddress;
            method = AuthFlow.authMethodOf(ist.authenticationFactors);
        } else if (sessionToken != null || sessionJwt != null) {
            State.Session session = sessionToken != null
                    ? store.sessionByToken(sessionToken) : store.sessionByJwt(sessionJwt);
            email = store.members.get(session.memberId).emailAddress;
            sessionOrg = session.organizationId;
            method = AuthFlow.authMethodOf(session.authenticationFactors);
        } else {
            throw StytchError.badRequest("no_session_arguments",
                    "One of intermediate_session_token, session_token or session_jwt is required.");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("email_address", email);
        out.put("discovered_organizations", Discovery.discovered(store, email, method, sessionOrg));
        return out;
    }

    private Map<String, Object> exchange(Req req) {
        String istToken = req.str("intermediate_session_token");
        String orgId = req.str("organization_id");
        AuthFlow.SessionOptions options = AuthFlow.SessionOptions.from(req);
        State.Intermediate ist = store.intermediate(istToken);
        State.Org org = store.org(orgId);
        AuthFlow.requireBoundTo(ist, org, null);
        State.Member member = Discovery.memberForEmail(store, org, ist.emailAddress);
        AuthFlow.requireBoundTo(ist, org, member);
        store.consume(ist);
        return AuthFlow.afterPrimary(store, org, member, ist.authenticationFactors,
                AuthFlow.authMethodOf(ist.authenticationFactors), options);
    }

    private Map<String, Object> create(Req req) {
        String istToken = req.str("intermediate_session_token");
        AuthFlow.SessionOptions options = AuthFlow.SessionOptions.from(req);
        State.Intermediate ist = store.intermediate(istToken);
        if (ist.organizationId != null) {
            throw StytchError.badRequest("invalid_intermediate_session_token_for_organization",
                    "Only a discovery intermediate session can create an organization.");
        }
        State.Org org = OrganizationsServlet.newOrg(store, req);
        State.Member member = new State.Member();
        member.organizationId = org.organizationId;
        member.emailAddress = ist.emailAddress;
        member.roles.add(Wire.STYTCH_ADMIN); // the creator administers the new organization
        store.prepareNewMember(member, store.now());
        store.orgs.put(org.organizationId, org);
        store.members.put(member.memberId, member);
        store.consume(ist);
        return AuthFlow.afterPrimary(store, org, member, ist.authenticationFactors,
                AuthFlow.authMethodOf(ist.authenticationFactors), options);
    }

    static void requireSlug(String slug) {
        if (!SLUG.matcher(slug).matches()) {
            throw StytchError.badRequest("invalid_organization_slug",
                    "organization_slug must be 2-128 characters of lowercase letters, digits, '.', '_', '~' or '-'.");
        }
    }
}
