package dev.panels.keycloak.stytch.client;

/**
 * A Stytch call that did not succeed, classified for the user (message key) and for events (error code).
 * The message never contains a token or the raw response body.
 */
public class StytchFailure extends RuntimeException {

    public enum Kind {
        /** Magic link / SSO / OAuth token unknown, used or expired. */
        LINK_INVALID("stytchLinkInvalid", "stytch_link_invalid"),
        WRONG_PASSWORD("stytchWrongPassword", "invalid_user_credentials"),
        MFA_CODE_INVALID("stytchMfaCodeInvalid", "stytch_mfa_code_invalid"),
        MEMBER_DEACTIVATED("stytchMemberDeactivated", "user_disabled"),
        MEMBER_NOT_FOUND("stytchMemberNotFound", "user_not_found"),
        ORGANIZATION_NOT_ALLOWED("stytchOrganizationNotAllowed", "stytch_organization_not_allowed"),
        TOO_MANY_ATTEMPTS("stytchTooManyAttempts", "stytch_rate_limited"),
        /** Intermediate or member session gone (expired, revoked). */
        SESSION_EXPIRED("stytchSessionExpired", "stytch_session_expired"),
        UNAVAILABLE("stytchUnavailable", "stytch_unavailable"),
        /** Our configuration is wrong (bad project credentials, unknown organization). */
        MISCONFIGURED("stytchMisconfigured", "stytch_misconfigured"),
        INVALID_INPUT("stytchInvalidInput", "stytch_invalid_input"),
        UNEXPECTED("stytchUnexpectedError", "stytch_error");

        private final String messageKey;
        private final String eventError;

        Kind(String messageKey, String eventError) {
            this.messageKey = messageKey;
            this.eventError = eventError;
        }

        public String messageKey() {
            return messageKey;
        }

        public String eventError() {
            return eventError;
        }
    }

    private final Kind kind;
    private final String errorType;
    private final int statusCode;

    public StytchFailure(Kind kind, String errorType, int statusCode, String message) {
        super(message);
        this.kind = kind;
        this.errorType = errorType;
        this.statusCode = statusCode;
    }

    public StytchFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.errorType = null;
        this.statusCode = 0;
    }

    public static StytchFailure of(Kind kind, String message) {
        return new StytchFailure(kind, null, 0, message);
    }

    public Kind kind() {
        return kind;
    }

    /** Stytch's {@code error_type}, when Stytch answered. */
    public String errorType() {
        return errorType;
    }

    public int statusCode() {
        return statusCode;
    }
}
