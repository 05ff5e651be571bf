package dev.panels.keycloak.stytch.client;

import java.util.List;
import java.util.Map;

/** SDK-independent views of the Stytch objects the provider uses. None of them carries a session token. */
public final class StytchModels {

    private StytchModels() {
    }

    /** {@code emailVerified}: whether Stytch has proved the member controls the address (an email factor). */
    public record Member(String memberId, String organizationId, String email, boolean emailVerified, String name, String status,
                         List<String> roles, Map<String, Object> trustedMetadata,
                         Map<String, Object> untrustedMetadata, String mfaPhoneNumber, boolean mfaPhoneVerified,
                         String totpRegistrationId, String externalId) {

        public Member {
            roles = roles == null ? List.of() : List.copyOf(roles);
            trustedMetadata = trustedMetadata == null ? Map.of() : trustedMetadata;
            untrustedMetadata = untrustedMetadata == null ? Map.of() : untrustedMetadata;
        }

        public boolean statusActive() {
            return status == null || status.isEmpty() || "active".equalsIgnoreCase(status);
        }
    }

    public record SsoConnection(String connectionId, String displayName) {
    }

    public record Organization(String organizationId, String name, String slug, String mfaPolicy,
                               Map<String, Object> trustedMetadata, List<SsoConnection> ssoConnections) {

        public Organization {
            trustedMetadata = trustedMetadata == null ? Map.of() : trustedMetadata;
            ssoConnections = ssoConnections == null ? List.of() : List.copyOf(ssoConnections);
        }
    }

    /** What Stytch still wants before it issues a member session. */
    public record MfaState(String phoneNumber, String totpRegistrationId, String secondaryAuthInitiated) {

        public boolean smsSent() {
            return "sms_otp".equals(secondaryAuthInitiated);
        }

        public boolean hasTotp() {
            return totpRegistrationId != null && !totpRegistrationId.isEmpty();
        }

        public boolean hasPhone() {
            return phoneNumber != null && !phoneNumber.isEmpty();
        }
    }

    /**
     * A primary or secondary authentication result for one organization. When {@code memberAuthenticated} is
     * false, {@code intermediateSessionToken} and {@code mfa} (or {@code primaryRequired}) say what comes next.
     */
    public record MemberAuth(boolean memberAuthenticated, String intermediateSessionToken, Member member,
                             Organization organization, String sessionId, String sessionJwt, MfaState mfa,
                             List<String> primaryRequired) {

        @Override
        public String toString() {
            // never print tokens
            return "MemberAuth[memberAuthenticated=" + memberAuthenticated + ", member="
                    + (member == null ? null : member.memberId()) + ", organization="
                    + (organization == null ? null : organization.organizationId()) + "]";
        }
    }

    public record DiscoveredOrganization(Organization organization, boolean memberAuthenticated, String membershipType) {
    }

    /** Result of a discovery authentication: the email it proved and the organizations it can enter. */
    public record Discovery(String intermediateSessionToken, String email, List<DiscoveredOrganization> organizations) {

        public Discovery {
            organizations = organizations == null ? List.of() : List.copyOf(organizations);
        }

        @Override
        public String toString() {
            return "Discovery[email=" + email + ", organizations=" + organizations.size() + "]";
        }
    }

    /** An active Stytch member session as listed by {@code GET /v1/b2b/sessions}. */
    public record MemberSessionInfo(String sessionId, String memberId, String organizationId, java.time.Instant expiresAt) {
    }
}
