package dev.panels.keycloak.stytch.client;

import dev.panels.keycloak.stytch.client.StytchFailure.Kind;

import java.util.Locale;

/** Maps Stytch API errors ({@code status_code}, {@code error_type}) to what the user and the events see. */
public final class StytchErrors {

    /** What the failing call was doing: the same error type means different things in different calls. */
    public enum Operation {
        SEND_EMAIL, AUTHENTICATE_LINK, AUTHENTICATE_PASSWORD, EXCHANGE, MFA, SESSION, ORGANIZATION_LOOKUP
    }

    private StytchErrors() {
    }

    public static Kind classify(Operation operation, int status, String errorType) {
        String type = errorType == null ? "" : errorType.toLowerCase(Locale.ROOT);
        if (status == 429 || type.contains("too_many_requests") || type.contains("rate_limit")) {
            return Kind.TOO_MANY_ATTEMPTS;
        }
        if (status >= 500) {
            return Kind.UNAVAILABLE;
        }
        if (type.equals("member_reset_password") || type.contains("member_deleted") || type.contains("inactive_member")
                || type.contains("member_deactivated") || type.contains("member_not_active")) {
            return Kind.MEMBER_DEACTIVATED;
        }
        if (type.equals("unauthorized_credentials")) {
            // Same type for a wrong password and for a wrong project secret; only passwords/authenticate means the former.
            return operation == Operation.AUTHENTICATE_PASSWORD ? Kind.WRONG_PASSWORD : Kind.MISCONFIGURED;
        }
        if (type.equals("unable_to_auth_magic_link") || type.equals("magic_link_not_found")
                || type.equals("sso_token_not_found") || type.equals("oauth_token_not_found")
                || type.contains("token_expired") || type.contains("already_used")) {
            return Kind.LINK_INVALID;
        }
        if (type.equals("unable_to_auth_otp_code") || type.equals("otp_code_not_found")
                || type.equals("unable_to_authenticate_totp") || type.equals("totp_code_already_authenticated")
                || type.contains("invalid_code")) {
            return Kind.MFA_CODE_INVALID;
        }
        if (type.equals("intermediate_session_not_found") || type.equals("session_not_found")
                || type.contains("invalid_intermediate_session_token")) {
            return Kind.SESSION_EXPIRED;
        }
        if (type.equals("member_not_found")) {
            return operation == Operation.SESSION ? Kind.SESSION_EXPIRED : Kind.MEMBER_NOT_FOUND;
        }
        if (type.equals("organization_not_found") || type.equals("invalid_project_id") || type.contains("redirect_url")
                || type.contains("public_token")) {
            return Kind.MISCONFIGURED;
        }
        if (type.equals("invalid_email") || type.contains("invalid_phone") || type.equals("bad_request")) {
            return Kind.INVALID_INPUT;
        }
        if (status == 401 && operation == Operation.AUTHENTICATE_PASSWORD) {
            return Kind.WRONG_PASSWORD;
        }
        if (status == 404 && operation == Operation.AUTHENTICATE_LINK) {
            return Kind.LINK_INVALID;
        }
        return Kind.UNEXPECTED;
    }
}
