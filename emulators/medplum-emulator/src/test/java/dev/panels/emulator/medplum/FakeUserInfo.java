package dev.panels.emulator.medplum;

import dev.panels.emulator.common.EmulatorServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for Keycloak's userinfo endpoint: knows a few bearer tokens, refuses the rest with 401. */
final class FakeUserInfo implements AutoCloseable {

    static final Map<String, String> EMAIL_BY_TOKEN = Map.of(
            "kc-ada", "ada.admin@northwind.example",
            "kc-casey", "casey.both@shared.example",
            "kc-rita", "rita.admin@riverside.example",
            "kc-stranger", "stranger@elsewhere.example");

    final AtomicInteger calls = new AtomicInteger();
    private final EmulatorServer server;

    FakeUserInfo() {
        server = EmulatorServer.builder("fake-userinfo").port(0)
                .errors((resp, status, type, msg) -> resp.sendError(status))
                .route("/userinfo", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        calls.incrementAndGet();
                        String header = req.getHeader("Authorization");
                        String email = header != null && header.startsWith("Bearer ") ? EMAIL_BY_TOKEN.get(header.substring(7)) : null;
                        if (email == null) {
                            resp.setStatus(401);
                            return;
                        }
                        resp.setContentType("application/json");
                        resp.getWriter().write("{\"sub\":\"kc-" + email.hashCode() + "\",\"email\":\"" + email + "\"}");
                    }
                })
                .start();
    }

    String url() {
        return server.baseUrl() + "/userinfo";
    }

    @Override
    public void close() {
        server.close();
    }
}
