package dev.panels.emulator.stytch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v1/b2b/organizations/*}: create, get, update, delete and search organizations; the member routes under
 * an organization ({@code /{id}/members...}, {@code /{id}/member}) go to {@link MembersApi}.
 */
final class OrganizationsServlet extends ApiServlet {

    private static final Set<String> MFA_POLICIES = Set.of("OPTIONAL", "REQUIRED_FOR_ALL");
    private static final Set<String> RESTRICTIONS = Set.of("ALL_ALLOWED", "RESTRICTED");
    private static final Set<String> JIT = Set.of("ALL_ALLOWED", "RESTRICTED", "NOT_ALLOWED");

    private final transient MembersApi members;

    OrganizationsServlet(StytchStore store) {
        super(store);
        this.members = new MembersApi(store);
    }

    @Override
    Map<String, Object> handle(Req req) {
        int n = req.segments.size();
        if (req.is("POST", "v1", "b2b", "organizations")) {
            return Map.of("organization", Wire.organization(create(req)));
        }
        if (req.is("POST", "v1", "b2b", "organizations", "search")) {
            return search(req);
        }
        if (n == 4) {
            State.Org org = store.org(req.seg(3));
            switch (req.method) {
                case "GET":
                    return Map.of("organization", Wire.organization(org));
                case "PUT":
                    update(org, req);
                    return Map.of("organization", Wire.organization(org));
                case "DELETE":
                    store.deleteOrg(org);
                    return Map.of("organization_id", org.organizationId);
                default:
                    throw new StytchError(405, "method_not_allowed", "Method not allowed.");
            }
        }
        if (n >= 5) {
            return members.handle(req, store.org(req.seg(3)));
        }
        throw routeNotFound();
    }

    private State.Org create(Req req) {
        State.Org org = newOrg(store, req);
        store.orgs.put(org.organizationId, org);
        return org;
    }

    /** A new organization from a create request (also used by discovery's create). */
    static State.Org newOrg(StytchStore store, Req req) {
        State.Org org = new State.Org();
        org.organizationId = Tokens.id("organization");
        org.organizationName = req.str("organization_name").trim();
        String slug = req.optStr("organization_slug");
        if (slug == null || slug.isBlank()) {
            slug = org.organizationName.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        }
        DiscoveryServlet.requireSlug(slug);
        requireFreeSlug(store, slug, null);
        org.organizationSlug = slug;
        org.createdAt = store.now();
        apply(org, req, store.now());
        return org;
    }

    private void update(State.Org org, Req req) {
        String name = req.optStr("organization_name");
        if (name != null) {
            if (name.isBlank()) {
                throw StytchError.badRequest("invalid_organization_name", "organization_name cannot be empty.");
            }
            org.organizationName = name.trim();
        }
        String slug = req.optStr("organization_slug");
        if (slug != null) {
            DiscoveryServlet.requireSlug(slug);
            requireFreeSlug(store, slug, org.organizationId);
            org.organizationSlug = slug;
        }
        apply(org, req, store.now());
    }

    /**
     * The settings shared by create and update; absent fields keep their value. The SDK always sends list fields
     * (an empty list by default), so an empty list also means "unchanged", as Stytch treats it.
     */
    private static void apply(State.Org org, Req req, long now) {
        String logo = req.optStr("organization_logo_url");
        if (logo != null) {
            org.organizationLogoUrl = logo;
        }
        Map<String, Object> trusted = req.optMap("trusted_metadata");
        if (trusted != null) {
            MembersApi.mergeMetadata(org.trustedMetadata, trusted);
        }
        org.mfaPolicy = oneOf(req, "mfa_policy", MFA_POLICIES, org.mfaPolicy, "invalid_organization_mfa_policy");
        org.mfaMethods = oneOf(req, "mfa_methods", RESTRICTIONS, org.mfaMethods, "invalid_organization_mfa_factor_setting");
        org.authMethods = oneOf(req, "auth_methods", RESTRICTIONS, org.authMethods, "invalid_organization_auth_method_settings");
        org.emailJitProvisioning = oneOf(req, "email_jit_provisioning", JIT, org.emailJitProvisioning, "bad_request");
        org.emailInvites = oneOf(req, "email_invites", JIT, org.emailInvites, "bad_request");
        org.ssoJitProvisioning = oneOf(req, "sso_jit_provisioning", JIT, org.ssoJitProvisioning, "bad_request");
        List<String> allowedMfa = req.optStrings("allowed_mfa_methods");
        if (allowedMfa != null && !allowedMfa.isEmpty()) {
            org.allowedMfaMethods = allowedMfa;
        }
        List<String> allowedAuth = req.optStrings("allowed_auth_methods");
        if (allowedAuth != null && !allowedAuth.isEmpty()) {
            org.allowedAuthMethods = allowedAuth;
        }
        List<String> domains = req.optStrings("email_allowed_domains");
        if (domains != null && !domains.isEmpty()) {
            org.emailAllowedDomains = domains;
        }
        org.updatedAt = now;
    }

    private static String oneOf(Req req, String field, Set<String> allowed, String current, String errorType) {
        String value = req.optStr(field);
        if (value == null) {
            return current;
        }
        if (!allowed.contains(value)) {
            throw StytchError.badRequest(errorType, field + " must be one of " + allowed + ".");
        }
        return value;
    }

    private static void requireFreeSlug(StytchStore store, String slug, String ownId) {
        store.orgBySlug(slug).filter(o -> !o.organizationId.equals(ownId)).ifPresent(o -> {
            throw StytchError.badRequest("organization_slug_already_used",
                    "An organization with this slug already exists.");
        });
    }

    private Map<String, Object> search(Req req) {
        Search<State.Org> search = new Search<State.Org>("organization")
                .filter("organization_ids", (o, v) -> Search.inList(v, o.organizationId))
                .filter("organization_slugs", (o, v) -> Search.inList(v, o.organizationSlug))
                .filter("organization_name_fuzzy", (o, v) -> Search.fuzzy(v, o.organizationName))
                .filter("organization_slug_fuzzy", (o, v) -> Search.fuzzy(v, o.organizationSlug))
                .filter("member_emails", (o, v) -> store.membersOf(o.organizationId).stream()
                        .anyMatch(m -> Search.inList(v, m.emailAddress)));
        var matches = store.orgs.values().stream().filter(search.parse(req.node("query"))).toList();
        Search.Page<State.Org> page = Search.page(matches, req.optStr("cursor"), req.optInt("limit"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("organizations", page.items().stream().map(Wire::organization).toList());
        out.put("results_metadata", Search.metadata(page));
        return out;
    }
}
