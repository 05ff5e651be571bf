package dev.panels.emulator.medplum;

import dev.panels.emulator.common.EmulatorServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Keycloak's userinfo endpoint: answers the claims registered for a bearer token, 401 for any
 * other token. The seeded people are registered as Keycloak would describe them: {@code sub} is the Keycloak user
 * id (the membership's externalId in the Medplum seed).
 */
final class FakeUserInfo implements AutoCloseable {

    static final String ADA_SUB = "11669995-aa48-58a4-bbdb-36a437d42181";
    static final String BEN_SUB = "c718edf4-b559-543e-b06b-82790f837450";
    static final String CASEY_NORTHWIND_SUB = "389fe068-d58c-50d9-ab64-db88a56e5df3";
    static final String CASEY_RIVERSIDE_SUB = "9176e4ac-aa21-586f-9c3e-7316b4750d82";
    static final String RITA_SUB = "ec2e11f7-1dc3-5cfb-a4a4-c4ca0b2316af";
    static final String SAM_SUB = "84237397-825b-531a-9d3d-b220444aaf9c";

    private record Answer(int status, String json) {
    }

    final AtomicInteger calls = new AtomicInteger();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final EmulatorServer server;

    FakeUserInfo() {
        claims("kc-ada", "{\"sub\":\"" + ADA_SUB + "\",\"email\":\"ada.admin@northwind.example\",\"email_verified\":true}");
        claims("kc-ben", "{\"sub\":\"" + BEN_SUB + "\",\"email\":\"ben.member@northwind.example\",\"email_verified\":true}");
        claims("kc-casey-northwind", "{\"sub\":\"" + CASEY_NORTHWIND_SUB + "\",\"email\":\"casey.both@shared.example\"}");
        claims("kc-casey-riverside", "{\"sub\":\"" + CASEY_RIVERSIDE_SUB + "\",\"email\":\"casey.both@shared.example\"}");
        claims("kc-rita", "{\"sub\":\"" + RITA_SUB + "\",\"email\":\"rita.admin@riverside.example\"}");
        claims("kc-sam", "{\"sub\":\"" + SAM_SUB + "\",\"email\":\"sam.builder@riverside.example\"}");
        claims("kc-stranger", "{\"sub\":\"00000000-0000-5000-8000-000000000000\",\"email\":\"stranger@elsewhere.example\"}");
        server = EmulatorServer.builder("fake-userinfo").port(0)
                .errors((resp, status, type, msg) -> resp.sendError(status))
                .route("/userinfo", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        calls.incrementAndGet();
                        String header = req.getHeader("Authorization");
                        Answer answer = header != null && header.startsWith("Bearer ") ? answers.get(header.substring(7)) : null;
                        if (answer == null) {
                            resp.setStatus(401);
                            return;
                        }
                        resp.setStatus(answer.status());
                        resp.setContentType("application/json");
                        resp.getWriter().write(answer.json());
                    }
                })
                .start();
    }

    /** From now on, {@code Bearer <token>} gets 200 with these claims. */
    void claims(String token, String json) {
        answers.put(token, new Answer(200, json));
    }

    /** From now on, {@code Bearer <token>} gets this status and an empty JSON object. */
    void status(String token, int status) {
        answers.put(token, new Answer(status, "{}"));
    }

    String url() {
        return server.baseUrl() + "/userinfo";
    }

    @Override
    public void close() {
        server.close();
    }
}
