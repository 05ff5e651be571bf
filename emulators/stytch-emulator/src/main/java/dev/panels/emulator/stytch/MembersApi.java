package dev.panels.emulator.stytch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Member operations under {@code /v1/b2b/organizations/{organization_id}/...}: create, get, update, delete, and
 * the cross-organization search. Roles must be Stytch's defaults or the organization's custom roles.
 */
final class MembersApi {

    private final StytchStore store;

    MembersApi(StytchStore store) {
        this.store = store;
    }

    Map<String, Object> handle(Req req, State.Org org) {
        String what = req.seg(4);
        int n = req.segments.size();
        if ("members".equals(what) && n == 5 && "POST".equals(req.method)) {
            return withOrg(create(req, org), org);
        }
        if ("member".equals(what) && n == 5 && "GET".equals(req.method)) {
            return withOrg(get(req, org), org);
        }
        if ("members".equals(what) && n == 6) {
            State.Member member = store.member(org.organizationId, req.seg(5));
            if ("PUT".equals(req.method)) {
                update(req, org, member);
                return withOrg(member, org);
            }
            if ("DELETE".equals(req.method)) {
                store.deleteMember(member);
                return Map.of("member_id", member.memberId);
            }
        }
        throw ApiServlet.routeNotFound();
    }

    static Map<String, Object> withOrg(State.Member member, State.Org org) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("member_id", member.memberId);
        out.put("member", Wire.member(member));
        out.put("organization", Wire.organization(org));
        return out;
    }

    private State.Member create(Req req, State.Org org) {
        String email = req.email("email_address");
        if (store.memberByEmail(org.organizationId, email).isPresent()) {
            throw StytchError.badRequest("duplicate_member_email",
                    "A member with this email already exists in the organization.");
        }
        State.Member member = new State.Member();
        member.organizationId = org.organizationId;
        member.emailAddress = email;
        member.status = Boolean.TRUE.equals(req.optBool("create_member_as_pending")) ? "pending" : "active";
        member.emailAddressVerified = false;
        applyCommon(req, org, member);
        store.prepareNewMember(member, store.now());
        store.members.put(member.memberId, member);
        return member;
    }

    private State.Member get(Req req, State.Org org) {
        String memberId = req.optStr("member_id");
        String email = req.optStr("email_address");
        if (memberId != null && !memberId.isBlank()) {
            return store.member(org.organizationId, memberId);
        }
        if (email != null && !email.isBlank()) {
            return store.memberByEmail(org.organizationId, email).orElseThrow(() ->
                    StytchError.notFound("member_not_found", "Member could not be found."));
        }
        throw StytchError.badRequest("bad_request", "One of member_id or email_address is required.");
    }

    private void update(Req req, State.Org org, State.Member member) {
        String email = req.optStr("email_address");
        if (email != null) {
            String normalized = req.email("email_address");
            store.memberByEmail(org.organizationId, normalized)
                    .filter(other -> !other.memberId.equals(member.memberId))
                    .ifPresent(other -> {
                        throw StytchError.badRequest("duplicate_member_email",
                                "A member with this email already exists in the organization.");
                    });
            member.emailAddress = normalized;
        }
        String method = req.optStr("default_mfa_method");
        if (method != null) {
            if (!method.equals("sms_otp") && !method.equals("totp")) {
                throw StytchError.badRequest("invalid_mfa_default_method", "default_mfa_method must be sms_otp or totp.");
            }
            member.defaultMfaMethod = method;
        }
        applyCommon(req, org, member);
        member.updatedAt = store.now();
    }

    private void applyCommon(Req req, State.Org org, State.Member member) {
        String name = req.optStr("name");
        if (name != null) {
            member.name = name;
        }
        Map<String, Object> trusted = req.optMap("trusted_metadata");
        if (trusted != null) {
            mergeMetadata(member.trustedMetadata, trusted);
        }
        Map<String, Object> untrusted = req.optMap("untrusted_metadata");
        if (untrusted != null) {
            mergeMetadata(member.untrustedMetadata, untrusted);
        }
        Boolean breakglass = req.optBool("is_breakglass");
        if (breakglass != null) {
            member.isBreakglass = breakglass;
        }
        String phone = req.optPhone("mfa_phone_number");
        if (phone != null && !phone.equals(member.mfaPhoneNumber)) {
            member.mfaPhoneNumber = phone;
            member.mfaPhoneNumberVerified = false;
        }
        Boolean enrolled = req.optBool("mfa_enrolled");
        if (enrolled != null) {
            member.mfaEnrolled = enrolled;
        }
        List<String> roles = req.optStrings("roles");
        // The SDK sends "roles": [] unless told otherwise, so only a non-empty list replaces the roles.
        if (roles != null && !roles.isEmpty()) {
            member.roles = validRoles(org, roles);
        }
    }

    static List<String> validRoles(State.Org org, List<String> roles) {
        List<String> out = new ArrayList<>();
        for (String role : roles) {
            boolean known = role.equals(Wire.STYTCH_MEMBER) || role.equals(Wire.STYTCH_ADMIN)
                    || org.customRoles.stream().anyMatch(r -> r.roleId.equals(role));
            if (!known) {
                throw StytchError.badRequest("invalid_rbac_role_id", "Role '" + role + "' is not defined.");
            }
            if (!role.equals(Wire.STYTCH_MEMBER) && !out.contains(role)) {
                out.add(role);
            }
        }
        return out;
    }

    /** Stytch merges metadata by top-level key; a null value removes the key. */
    static void mergeMetadata(Map<String, Object> target, Map<String, Object> patch) {
        patch.forEach((k, v) -> {
            if (v == null) {
                target.remove(k);
            } else {
                target.put(k, v);
            }
        });
    }

    Map<String, Object> search(Req req) {
        List<String> orgIds = req.optStrings("organization_ids");
        if (orgIds == null || orgIds.isEmpty()) {
            throw StytchError.badRequest("member_search_organization_ids_empty", "organization_ids cannot be empty.");
        }
        for (String id : orgIds) {
            store.org(id);
        }
        Search<State.Member> search = new Search<State.Member>("member")
                .filter("member_ids", (m, v) -> Search.inList(v, m.memberId))
                .filter("member_emails", (m, v) -> Search.inList(v, m.emailAddress))
                .filter("member_email_fuzzy", (m, v) -> Search.fuzzy(v, m.emailAddress))
                .filter("statuses", (m, v) -> Search.inList(v, m.status))
                .filter("member_roles", (m, v) -> Wire.sessionRoles(m).stream().anyMatch(r -> Search.inList(v, r)))
                .filter("member_is_breakglass", (m, v) -> m.isBreakglass == v.asBoolean())
                .filter("member_mfa_phone_numbers", (m, v) -> Search.inList(v, m.mfaPhoneNumber));
        var matches = store.members.values().stream()
                .filter(m -> orgIds.contains(m.organizationId))
                .filter(search.parse(req.node("query")))
                .toList();
        Search.Page<State.Member> page = Search.page(matches, req.optStr("cursor"), req.optInt("limit"));
        Map<String, Object> orgs = new LinkedHashMap<>();
        page.items().forEach(m -> orgs.put(m.organizationId, Wire.organization(store.orgs.get(m.organizationId))));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("members", page.items().stream().map(Wire::member).toList());
        out.put("results_metadata", Search.metadata(page));
        out.put("organizations", orgs);
        return out;
    }
}
