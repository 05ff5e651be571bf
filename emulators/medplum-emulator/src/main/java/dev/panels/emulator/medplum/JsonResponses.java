package dev.panels.emulator.medplum;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.panels.emulator.common.ErrorWriter;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON bodies in Medplum's shapes: OAuth errors and OperationOutcomes. */
final class JsonResponses {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonResponses() {
    }

    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** No valid access token: Medplum's 401 OperationOutcome. */
    static void unauthorized(HttpServletResponse response) throws IOException {
        write(response, 401, outcome("error", "login", "Unauthorized"));
    }

    /** {@code {"error": ..., "error_description": ...}}, Medplum's {@code sendTokenError}. */
    static void oauthError(HttpServletResponse response, int status, String error, String description) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        write(response, status, body);
    }

    static Map<String, Object> outcome(String severity, String code, String text) {
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("severity", severity);
        issue.put("code", code);
        issue.put("details", Map.of("text", text));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resourceType", "OperationOutcome");
        body.put("issue", List.of(issue));
        return body;
    }

    /** Injected faults and uncaught failures answer as Medplum's server does: an OperationOutcome. */
    static final ErrorWriter OPERATION_OUTCOME = (response, status, errorType, message) -> {
        String code = status == 429 ? "throttled" : status == 503 ? "transient" : "exception";
        byte[] bytes = MAPPER.writeValueAsString(outcome("error", code, message)).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/fhir+json;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    };
}
