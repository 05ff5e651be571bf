package dev.panels.emulator.stytch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Which organizations an email address can enter, in the {@code discovered_organizations} shape. */
final class Discovery {

    private Discovery() {
    }

    /**
     * Memberships of {@code email} (active, pending, invited) and organizations it may join by email domain.
     * {@code authMethod} is the primary method already proven; {@code sessionOrgId} marks the organization the
     * caller already has a full session in (then {@code member_authenticated} is true there).
     */
    static List<Map<String, Object>> discovered(StytchStore store, String email, String authMethod,
                                                String sessionOrgId) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (State.Member member : store.membersByEmail(email)) {
            State.Org org = store.orgs.get(member.organizationId);
            if (org == null) {
                continue;
            }
            seen.add(org.organizationId);
            boolean authenticated = org.organizationId.equals(sessionOrgId);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("member_authenticated", authenticated);
            entry.put("organization", Wire.organization(org));
            Map<String, Object> membership = new HashMap<>();
            membership.put("type", member.status + "_member");
            membership.put("details", null);
            membership.put("member", Wire.member(member));
            entry.put("membership", membership);
            entry.put("primary_required", !authenticated && !AuthFlow.primaryAllowed(org, authMethod)
                    ? Map.of("allowed_auth_methods", org.allowedAuthMethods) : null);
            Map<String, Object> mfa = null;
            if (!authenticated && AuthFlow.mfaNeeded(org, member, List.of())) {
                mfa = new HashMap<>();
                mfa.put("member_options", AuthFlow.memberOptions(member));
                mfa.put("secondary_auth_initiated", null);
            }
            entry.put("mfa_required", mfa);
            out.add(entry);
        }
        String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        for (State.Org org : store.orgs.values()) {
            if (!seen.contains(org.organizationId) && jitAllowed(org, email)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("member_authenticated", false);
                entry.put("organization", Wire.organization(org));
                Map<String, Object> membership = new HashMap<>();
                membership.put("type", "eligible_to_join_by_email_domain");
                membership.put("details", Map.of("domain", domain));
                membership.put("member", null);
                entry.put("membership", membership);
                entry.put("primary_required", null);
                entry.put("mfa_required", null);
                out.add(entry);
            }
        }
        return out;
    }

    /** Email JIT provisioning: allowed when the organization says RESTRICTED and lists the email's domain. */
    static boolean jitAllowed(State.Org org, String email) {
        String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        return "RESTRICTED".equals(org.emailJitProvisioning)
                && org.emailAllowedDomains.stream().anyMatch(d -> d.equalsIgnoreCase(domain));
    }

    /** The member for {@code email} in {@code org}, created (pending) when JIT provisioning allows it. */
    static State.Member memberForEmail(StytchStore store, State.Org org, String email) {
        return store.memberByEmail(org.organizationId, email).orElseGet(() -> {
            if (!jitAllowed(org, email)) {
                throw StytchError.notFound("member_not_found",
                        "No member with this email exists in the organization, and it does not allow joining by email domain.");
            }
            State.Member member = new State.Member();
            member.organizationId = org.organizationId;
            member.emailAddress = email;
            member.status = "pending";
            store.prepareNewMember(member, store.now());
            store.members.put(member.memberId, member);
            return member;
        });
    }
}
