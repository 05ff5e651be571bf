package dev.panels.emulator.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /__admin/faults} shows the switches; {@code PUT} (or {@code POST}) changes the fields it names:
 * {@code {"latency_ms":200,"failure_rate":0.5,"failure_status":503,"down":false}}; {@code DELETE} resets.
 * Bound to loopback with the rest of the emulator; it is a test and demo control, not a production surface.
 */
final class FaultAdminServlet extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final transient FaultInjection faults;

    FaultAdminServlet(FaultInjection faults) {
        this.faults = faults;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(response, 200, faults.settings().toMap());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doPut(request, response);
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        FaultInjection.Settings current = faults.settings();
        try {
            JsonNode body = JSON.readTree(request.getInputStream());
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            for (var it = body.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!current.toMap().containsKey(field)) {
                    throw new IllegalArgumentException("unknown field '" + field + "'");
                }
            }
            faults.update(new FaultInjection.Settings(
                    body.path("latency_ms").asLong(current.latencyMillis()),
                    body.path("failure_rate").asDouble(current.failureRate()),
                    body.path("failure_status").asInt(current.failureStatus()),
                    body.path("down").asBoolean(current.down())));
        } catch (IllegalArgumentException e) {
            write(response, 400, Map.of("error", e.getMessage()));
            return;
        } catch (IOException e) {
            write(response, 400, Map.of("error", "body is not valid JSON"));
            return;
        }
        write(response, 200, faults.settings().toMap());
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        faults.reset();
        write(response, 200, faults.settings().toMap());
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
