package dev.panels.emulator.stytch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulator's domain state. Plain public fields so the same classes are the seed format, the snapshot format
 * and the in-memory model (guarded by the {@link StytchStore} lock). Times are epoch milliseconds.
 */
final class State {

    private State() {
    }

    /** An organization as Stytch stores it, plus the emulator-only lists of SSO connections and OAuth providers. */
    public static final class Org {
        public String organizationId;
        public String organizationName;
        public String organizationSlug;
        public String organizationLogoUrl = "";
        public Map<String, Object> trustedMetadata = new LinkedHashMap<>();
        public String mfaPolicy = "OPTIONAL";
        public String mfaMethods = "ALL_ALLOWED";
        public List<String> allowedMfaMethods = new ArrayList<>();
        public String authMethods = "ALL_ALLOWED";
        public List<String> allowedAuthMethods = new ArrayList<>();
        public List<String> emailAllowedDomains = new ArrayList<>();
        public String emailJitProvisioning = "NOT_ALLOWED";
        public String emailInvites = "ALL_ALLOWED";
        public String ssoJitProvisioning = "ALL_ALLOWED";
        public List<Role> customRoles = new ArrayList<>();
        public List<SsoConnection> ssoConnections = new ArrayList<>();
        /** OAuth providers the emulated provider page accepts for this organization, e.g. {@code google}. */
        public List<String> oauthProviders = new ArrayList<>();
        public long createdAt;
        public long updatedAt;
        /** Seed files only: the organization's members, moved into the store on load. */
        public List<Member> members;
    }

    public static final class Role {
        public String roleId;
        public String description = "";

        public Role() {
        }

        Role(String roleId, String description) {
            this.roleId = roleId;
            this.description = description;
        }
    }

    public static final class SsoConnection {
        public String connectionId;
        public String displayName;
        public String identityProvider = "okta";
    }

    public static final class Member {
        public String memberId;
        public String organizationId;
        public String emailAddress;
        public String emailId;
        public String name = "";
        /** "active", "pending" (created but never logged in) or "invited". */
        public String status = "active";
        public boolean emailAddressVerified = true;
        /** Explicitly assigned roles; {@code stytch_member} is implicit for everyone. */
        public List<String> roles = new ArrayList<>();
        public Map<String, Object> trustedMetadata = new LinkedHashMap<>();
        public Map<String, Object> untrustedMetadata = new LinkedHashMap<>();
        public String mfaPhoneNumber = "";
        public boolean mfaPhoneNumberVerified;
        public boolean mfaEnrolled;
        public String defaultMfaMethod = "";
        public String totpSecret;
        public String totpRegistrationId = "";
        /** The last 30-second step whose TOTP code was accepted: a code works once. */
        public long totpLastUsedStep = -1;
        /** Plaintext only in the seed; hashed into {@link #passwordHash} on load. */
        public String password;
        public String passwordHash;
        public String memberPasswordId = "";
        public boolean isBreakglass;
        public long createdAt;
        public long updatedAt;
    }

    public static final class Session {
        public String memberSessionId;
        public String sessionToken;
        public String memberId;
        public String organizationId;
        public long startedAt;
        public long lastAccessedAt;
        public long expiresAt;
        public List<Map<String, Object>> authenticationFactors = new ArrayList<>();
        public Map<String, Object> customClaims = new LinkedHashMap<>();
    }

    /** Proof of a primary factor without a full session: discovery, or MFA still outstanding. */
    public static final class Intermediate {
        public String token;
        public String emailAddress;
        /** Set when bound to one organization (MFA pending); null for a discovery session. */
        public String organizationId;
        public String memberId;
        public List<Map<String, Object>> authenticationFactors = new ArrayList<>();
        public long expiresAt;
    }

    /** A single-use token delivered by redirect or email: magic links, SSO, OAuth. */
    public static final class OneTimeToken {
        public String token;
        /** The {@code stytch_token_type}: discovery, multi_tenant_magic_links, sso, oauth, discovery_oauth. */
        public String type;
        public String emailAddress;
        public String organizationId;
        public String memberId;
        public String connectionId;
        public String provider;
        public long expiresAt;
        public Long usedAt;
    }

    public static final class OtpCode {
        public String organizationId;
        public String memberId;
        public String phoneNumber;
        public String code;
        public long expiresAt;
    }
}
