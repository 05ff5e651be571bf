package dev.panels.emulator.stytch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happens after a factor is proven, shared by magic links, passwords, SSO, OAuth, discovery and MFA:
 * a full member session, or an intermediate session with {@code primary_required} (the organization does not
 * accept this primary method) or {@code mfa_required} (its MFA policy, or the member's enrollment, asks for a
 * second factor). The field layout matches the SDK's member-level authenticate responses.
 */
final class AuthFlow {

    static final String MFA_REQUIRED_FOR_ALL = "REQUIRED_FOR_ALL";

    private AuthFlow() {
    }

    /** Options that shape the session a flow creates. */
    record SessionOptions(Integer durationMinutes, Map<String, Object> customClaims) {
        static SessionOptions from(Req req) {
            Integer minutes = req.optInt("session_duration_minutes");
            StytchStore.sessionMinutes(minutes); // validate before any token is used up
            return new SessionOptions(minutes, req.optMap("session_custom_claims"));
        }
    }

    /** A primary factor for {@code member}; an intermediate session given with it contributes its factors. */
    static Map<String, Object> primary(StytchStore store, State.Org org, State.Member member,
                                       Map<String, Object> factor, String authMethod, String intermediateToken,
                                       SessionOptions options) {
        List<Map<String, Object>> factors = new ArrayList<>();
        if (intermediateToken != null && !intermediateToken.isBlank()) {
            State.Intermediate ist = store.intermediate(intermediateToken);
            requireBoundTo(ist, org, member);
            factors.addAll(ist.authenticationFactors);
            store.consume(ist);
        }
        factors.add(factor);
        return afterPrimary(store, org, member, factors, authMethod, options);
    }

    /** Continues with factors already proven (an exchanged intermediate session, or a new primary factor). */
    static Map<String, Object> afterPrimary(StytchStore store, State.Org org, State.Member member,
                                            List<Map<String, Object>> factors, String authMethod,
                                            SessionOptions options) {
        if (!primaryAllowed(org, authMethod)) {
            State.Intermediate ist = store.newIntermediate(member.emailAddress, org.organizationId, null, factors);
            Map<String, Object> out = incomplete(org, member, ist);
            out.put("primary_required", Map.of("allowed_auth_methods", org.allowedAuthMethods));
            return out;
        }
        if (mfaNeeded(org, member, factors)) {
            State.Intermediate ist = store.newIntermediate(member.emailAddress, org.organizationId,
                    member.memberId, factors);
            String initiated = null;
            // Stytch sends the SMS code itself when the member's default MFA method is SMS.
            if (!member.mfaPhoneNumber.isEmpty() && member.mfaPhoneNumberVerified
                    && "sms_otp".equals(member.defaultMfaMethod) && mfaAllowed(org, "sms_otp")) {
                store.sendSmsOtp(member, member.mfaPhoneNumber);
                initiated = "sms_otp";
            }
            Map<String, Object> out = incomplete(org, member, ist);
            Map<String, Object> mfa = new HashMap<>();
            mfa.put("member_options", memberOptions(member));
            mfa.put("secondary_auth_initiated", initiated);
            out.put("mfa_required", mfa);
            return out;
        }
        State.Session session = store.newSession(member, factors, options.durationMinutes(), options.customClaims());
        return complete(store, org, member, session);
    }

    /** A verified second factor: finishes an intermediate session, or steps up an existing session. */
    static Map<String, Object> secondary(StytchStore store, State.Org org, State.Member member,
                                         Map<String, Object> factor, Req req) {
        SessionOptions options = SessionOptions.from(req);
        String istToken = req.optStr("intermediate_session_token");
        String sessionToken = req.optStr("session_token");
        String sessionJwt = req.optStr("session_jwt");
        State.Session session;
        if (istToken != null && !istToken.isBlank()) {
            State.Intermediate ist = store.intermediate(istToken);
            requireBoundTo(ist, org, member);
            List<Map<String, Object>> factors = new ArrayList<>(ist.authenticationFactors);
            factors.add(factor);
            store.consume(ist);
            session = store.newSession(member, factors, options.durationMinutes(), options.customClaims());
        } else if (sessionToken != null || sessionJwt != null) {
            session = sessionToken != null ? store.sessionByToken(sessionToken) : store.sessionByJwt(sessionJwt);
            if (!session.memberId.equals(member.memberId)) {
                throw StytchError.notFound("session_not_found", "Session could not be found for this member.");
            }
            session.authenticationFactors.add(factor);
            session.lastAccessedAt = store.now();
        } else {
            throw StytchError.badRequest("bad_request",
                    "One of intermediate_session_token, session_token or session_jwt is required.");
        }
        member.status = "active";
        return complete(store, org, member, session);
    }

    static Map<String, Object> complete(StytchStore store, State.Org org, State.Member member, State.Session session) {
        member.status = "active";
        member.emailAddressVerified = true;
        Map<String, Object> out = base(org, member);
        out.put("member_authenticated", true);
        out.put("intermediate_session_token", "");
        out.put("session_token", session.sessionToken);
        out.put("session_jwt", store.sessionJwt(session));
        out.put("member_session", Wire.memberSession(session, member, org));
        out.put("mfa_required", null);
        out.put("primary_required", null);
        return out;
    }

    private static Map<String, Object> incomplete(State.Org org, State.Member member, State.Intermediate ist) {
        Map<String, Object> out = base(org, member);
        out.put("member_authenticated", false);
        out.put("intermediate_session_token", ist.token);
        // The SDK requires these strings even when no session was issued.
        out.put("session_token", "");
        out.put("session_jwt", "");
        out.put("member_session", null);
        out.put("mfa_required", null);
        out.put("primary_required", null);
        return out;
    }

    private static Map<String, Object> base(State.Org org, State.Member member) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("member_id", member.memberId);
        out.put("organization_id", org.organizationId);
        out.put("member", Wire.member(member));
        out.put("organization", Wire.organization(org));
        return out;
    }

    /** An org-bound intermediate session may only be used for its own organization (and member, once known). */
    static void requireBoundTo(State.Intermediate ist, State.Org org, State.Member member) {
        boolean otherOrg = ist.organizationId != null && !ist.organizationId.equals(org.organizationId);
        boolean otherMember = member != null && ist.memberId != null && !ist.memberId.equals(member.memberId);
        boolean otherEmail = member != null && ist.emailAddress != null
                && !ist.emailAddress.equalsIgnoreCase(member.emailAddress);
        if (otherOrg || otherMember || otherEmail) {
            throw StytchError.badRequest("invalid_intermediate_session_token_for_organization",
                    "The intermediate session token cannot be used for this organization or member.");
        }
    }

    static boolean primaryAllowed(State.Org org, String authMethod) {
        return !"RESTRICTED".equals(org.authMethods) || org.allowedAuthMethods.contains(authMethod);
    }

    static boolean mfaAllowed(State.Org org, String method) {
        return !"RESTRICTED".equals(org.mfaMethods) || org.allowedMfaMethods.contains(method);
    }

    static boolean mfaNeeded(State.Org org, State.Member member, List<Map<String, Object>> factors) {
        boolean required = MFA_REQUIRED_FOR_ALL.equals(org.mfaPolicy) || member.mfaEnrolled;
        return required && factors.stream().noneMatch(Wire::isMfaFactor);
    }

    /** Null unless the member has a second factor on file (then both fields, empty when absent). */
    static Map<String, Object> memberOptions(State.Member member) {
        boolean hasPhone = !member.mfaPhoneNumber.isEmpty() && member.mfaPhoneNumberVerified;
        if (!hasPhone && member.totpRegistrationId.isEmpty()) {
            return null;
        }
        return Map.of("mfa_phone_number", hasPhone ? member.mfaPhoneNumber : "",
                "totp_registration_id", member.totpRegistrationId);
    }

    /** The auth-method name (as in {@code allowed_auth_methods}) of the first primary factor. */
    static String authMethodOf(List<Map<String, Object>> factors) {
        for (Map<String, Object> f : factors) {
            Object type = f.get("type");
            if ("magic_link".equals(type)) {
                return "magic_link";
            } else if ("password".equals(type)) {
                return "password";
            } else if ("sso".equals(type)) {
                return "sso";
            } else if ("oauth".equals(type)) {
                return String.valueOf(f.get("delivery_method")).replace("oauth_", "") + "_oauth";
            }
        }
        return "magic_link";
    }
}
