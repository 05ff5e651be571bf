package dev.panels.emulator.stytch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Renders state in Stytch's wire shapes. The SDK parses strictly, so every field its model marks required is
 * always present and non-null (empty strings and lists stand in for "none"), exactly as Stytch sends them.
 */
final class Wire {

    static final String STYTCH_MEMBER = "stytch_member";
    static final String STYTCH_ADMIN = "stytch_admin";

    private Wire() {
    }

    static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    static Map<String, Object> organization(State.Org o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("organization_id", o.organizationId);
        m.put("organization_name", o.organizationName);
        m.put("organization_logo_url", o.organizationLogoUrl);
        m.put("organization_slug", o.organizationSlug);
        m.put("organization_external_id", "");
        m.put("trusted_metadata", o.trustedMetadata);
        m.put("sso_default_connection_id", o.ssoConnections.isEmpty() ? null : o.ssoConnections.get(0).connectionId);
        m.put("sso_jit_provisioning", o.ssoJitProvisioning);
        m.put("sso_jit_provisioning_allowed_connections", List.of());
        List<Map<String, Object>> connections = new ArrayList<>();
        for (State.SsoConnection c : o.ssoConnections) {
            connections.add(Map.of("connection_id", c.connectionId, "display_name", c.displayName,
                    "identity_provider", c.identityProvider));
        }
        m.put("sso_active_connections", connections);
        m.put("scim_active_connection", null);
        m.put("email_allowed_domains", o.emailAllowedDomains);
        m.put("email_jit_provisioning", o.emailJitProvisioning);
        m.put("email_invites", o.emailInvites);
        m.put("auth_methods", o.authMethods);
        m.put("allowed_auth_methods", o.allowedAuthMethods);
        m.put("mfa_policy", o.mfaPolicy);
        m.put("rbac_email_implicit_role_assignments", List.of());
        m.put("mfa_methods", o.mfaMethods);
        m.put("allowed_mfa_methods", o.allowedMfaMethods);
        m.put("oauth_tenant_jit_provisioning", "NOT_ALLOWED");
        m.put("allowed_oauth_tenants", Map.of());
        m.put("claimed_email_domains", List.of());
        m.put("first_party_connected_apps_allowed_type", "ALL_ALLOWED");
        m.put("allowed_first_party_connected_apps", List.of());
        m.put("third_party_connected_apps_allowed_type", "ALL_ALLOWED");
        m.put("allowed_third_party_connected_apps", List.of());
        List<Map<String, Object>> roles = new ArrayList<>();
        for (State.Role r : o.customRoles) {
            roles.add(Map.of("role_id", r.roleId, "description", r.description, "permissions", List.of()));
        }
        m.put("custom_roles", roles);
        m.put("created_at", time(o.createdAt));
        m.put("updated_at", time(o.updatedAt));
        return m;
    }

    static Map<String, Object> member(State.Member mem) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("organization_id", mem.organizationId);
        m.put("member_id", mem.memberId);
        m.put("email_address", mem.emailAddress);
        m.put("status", mem.status);
        m.put("name", mem.name);
        m.put("sso_registrations", List.of());
        m.put("is_breakglass", mem.isBreakglass);
        m.put("member_password_id", mem.memberPasswordId);
        m.put("oauth_registrations", List.of());
        m.put("email_address_verified", mem.emailAddressVerified);
        m.put("mfa_phone_number_verified", mem.mfaPhoneNumberVerified);
        m.put("is_admin", mem.roles.contains(STYTCH_ADMIN));
        m.put("totp_registration_id", mem.totpRegistrationId);
        m.put("retired_email_addresses", List.of());
        m.put("is_locked", false);
        m.put("mfa_enrolled", mem.mfaEnrolled);
        m.put("mfa_phone_number", mem.mfaPhoneNumber);
        m.put("default_mfa_method", mem.defaultMfaMethod);
        List<Map<String, Object>> roles = new ArrayList<>();
        for (String roleId : sessionRoles(mem)) {
            roles.add(Map.of("role_id", roleId,
                    "sources", List.of(Map.of("type", "direct_assignment", "details", Map.of()))));
        }
        m.put("roles", roles);
        m.put("trusted_metadata", mem.trustedMetadata);
        m.put("untrusted_metadata", mem.untrustedMetadata);
        m.put("created_at", time(mem.createdAt));
        m.put("updated_at", time(mem.updatedAt));
        m.put("scim_registration", null);
        m.put("external_id", "");
        m.put("lock_created_at", null);
        return m;
    }

    /** Plain role ids, {@code stytch_member} first: the form sessions and JWTs carry. */
    static List<String> sessionRoles(State.Member mem) {
        List<String> roles = new ArrayList<>();
        roles.add(STYTCH_MEMBER);
        mem.roles.stream().filter(r -> !r.equals(STYTCH_MEMBER)).forEach(roles::add);
        return roles;
    }

    static Map<String, Object> memberSession(State.Session s, State.Member mem, State.Org org) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("member_session_id", s.memberSessionId);
        m.put("member_id", s.memberId);
        m.put("started_at", time(s.startedAt));
        m.put("last_accessed_at", time(s.lastAccessedAt));
        m.put("expires_at", time(s.expiresAt));
        m.put("authentication_factors", s.authenticationFactors);
        m.put("custom_claims", s.customClaims);
        m.put("organization_id", s.organizationId);
        m.put("roles", sessionRoles(mem));
        m.put("organization_slug", org.organizationSlug);
        return m;
    }

    // ---- authentication factors (consumer "AuthenticationFactor" shape, shared by B2B) ----------------------

    private static Map<String, Object> factor(String type, String delivery, long now) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", type);
        f.put("delivery_method", delivery);
        f.put("last_authenticated_at", time(now));
        f.put("created_at", time(now));
        f.put("updated_at", time(now));
        return f;
    }

    /** A stable email id for an address that has no member yet (discovery). */
    static String emailIdFor(String email) {
        return "email-test-" + UUID.nameUUIDFromBytes(email.toLowerCase().getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Object> emailFactor(String email, String emailId, long now) {
        Map<String, Object> f = factor("magic_link", "email", now);
        f.put("email_factor", Map.of("email_id", emailId, "email_address", email));
        return f;
    }

    static Map<String, Object> passwordFactor(String email, String emailId, long now) {
        Map<String, Object> f = factor("password", "knowledge", now);
        f.put("email_factor", Map.of("email_id", emailId, "email_address", email));
        return f;
    }

    static Map<String, Object> ssoFactor(String connectionId, String memberId, long now) {
        Map<String, Object> f = factor("sso", "sso_saml", now);
        f.put("saml_sso_factor", Map.of("id", connectionId, "provider_id", connectionId, "external_id", memberId));
        return f;
    }

    static Map<String, Object> oauthFactor(String provider, String subject, String emailId, long now) {
        Map<String, Object> f = factor("oauth", "oauth_" + provider, now);
        f.put(provider + "_oauth_factor", Map.of("id", Tokens.id("oauth-user-registration"),
                "provider_subject", subject, "email_id", emailId));
        return f;
    }

    static Map<String, Object> smsFactor(String phone, long now) {
        Map<String, Object> f = factor("otp", "sms", now);
        f.put("phone_number_factor", Map.of("phone_id", emailIdFor(phone).replace("email-", "phone-number-"),
                "phone_number", phone));
        return f;
    }

    static Map<String, Object> totpFactor(String totpId, long now) {
        Map<String, Object> f = factor("totp", "authenticator_app", now);
        f.put("authenticator_app_factor", Map.of("totp_id", totpId));
        return f;
    }

    static boolean isMfaFactor(Map<String, Object> factor) {
        Object type = factor.get("type");
        return "otp".equals(type) || "totp".equals(type);
    }
}
