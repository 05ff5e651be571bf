package dev.panels.emulator.medplum;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refused token request, in the shape Medplum answers it: most refusals are OAuth errors
 * ({@code sendTokenError}: {@code {"error","error_description"}}), but what {@code tryLogin} throws (unknown user, no
 * usable membership) escapes the token handler and reaches the caller as an OperationOutcome.
 */
final class TokenRefused extends Exception {

    private final int status;
    private final transient Object body;

    private TokenRefused(int status, String message, Object body) {
        super(message, null, false, false);
        this.status = status;
        this.body = body;
    }

    /** 400 {@code invalid_request}, the error of nearly every refusal in Medplum's token endpoint. */
    static TokenRefused invalidRequest(String description) {
        return oauth(400, "invalid_request", description);
    }

    static TokenRefused oauth(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return new TokenRefused(status, description, body);
    }

    /** 400 OperationOutcome with code {@code invalid} (Medplum's {@code badRequest}). */
    static TokenRefused outcome(String text) {
        return new TokenRefused(400, text, JsonResponses.outcome("error", "invalid", text));
    }

    void write(HttpServletResponse response) throws IOException {
        JsonResponses.write(response, status, body);
    }
}
