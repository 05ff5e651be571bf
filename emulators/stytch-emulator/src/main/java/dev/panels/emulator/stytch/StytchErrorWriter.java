package dev.panels.emulator.stytch;

import dev.panels.emulator.common.ErrorWriter;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Stytch's error body. The SDK maps an error only when all five fields are present
 * ({@code status_code, request_id, error_type, error_message, error_url}); otherwise it reports a critical failure.
 */
final class StytchErrorWriter implements ErrorWriter {

    static final StytchErrorWriter INSTANCE = new StytchErrorWriter();

    static String newRequestId() {
        return "request-id-test-" + UUID.randomUUID();
    }

    static Map<String, Object> body(int status, String errorType, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status_code", status);
        body.put("request_id", newRequestId());
        body.put("error_type", errorType);
        body.put("error_message", message);
        body.put("error_url", "https://stytch.com/docs/b2b/api/errors/" + status + "#" + errorType);
        return body;
    }

    @Override
    public void write(HttpServletResponse response, int status, String errorType, String message) throws IOException {
        writeJson(response, status, body(status, errorType, message));
    }

    /**
     * Writes JSON with a Content-Length rather than chunked: clients that stop reading at the end of the JSON
     * (the SDK does) then never leave a final chunk unread and the connection half-closed.
     */
    static void writeJson(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = Json.WIRE.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
