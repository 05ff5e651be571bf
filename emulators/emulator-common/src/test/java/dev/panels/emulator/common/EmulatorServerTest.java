package dev.panels.emulator.common;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class EmulatorServerTest {

    private static EmulatorServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = EmulatorServer.builder("test-emulator")
                .errors((response, status, type, message) -> {
                    response.setStatus(status);
                    response.setContentType("application/json");
                    response.getWriter().write("{\"error_type\":\"" + type + "\",\"status_code\":" + status + "}");
                })
                .route("/hello", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        resp.getWriter().write("hello");
                    }
                })
                .route("/refuse", new HttpServlet() {
                    @Override
                    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        // answers without reading the body, as a refusal before parsing does
                        resp.setStatus(401);
                        resp.setContentLength(2);
                        resp.getOutputStream().write("no".getBytes());
                    }
                })
                .route("/boom", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                        throw new IllegalStateException("secret-detail-that-must-not-leak");
                    }
                })
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void healthyAgain() {
        server.faults().reset();
    }

    @Test
    void bindsToLoopbackAndServesRoutes() throws Exception {
        assertThat(server.baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(get("/hello").body()).isEqualTo("hello");
    }

    @Test
    void downSwitchAnswers503InTheServiceErrorFormatButAdminStaysReachable() throws Exception {
        HttpResponse<String> put = send("PUT", "/__admin/faults", "{\"down\":true}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).contains("\"down\":true");

        HttpResponse<String> hello = get("/hello");
        assertThat(hello.statusCode()).isEqualTo(503);
        assertThat(hello.body()).contains("\"error_type\":\"service_unavailable\"");
        assertThat(get("/__admin/faults").statusCode()).isEqualTo(200);
    }

    @Test
    void failureRateOfOneFailsEveryCallWithTheConfiguredStatus() throws Exception {
        send("PUT", "/__admin/faults", "{\"failure_rate\":1.0,\"failure_status\":429}");
        HttpResponse<String> response = get("/hello");
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
    }

    @Test
    void deleteResetsEverySwitch() throws Exception {
        send("PUT", "/__admin/faults", "{\"down\":true}");
        send("DELETE", "/__admin/faults", "");
        assertThat(get("/hello").statusCode()).isEqualTo(200);
    }

    @Test
    void invalidFaultSettingsAreRefusedWithTheReasonAndLeaveSettingsUnchanged() throws Exception {
        assertThat(send("PUT", "/__admin/faults", "{\"failure_rate\":2}").body()).contains("failure_rate must be between");
        assertThat(send("PUT", "/__admin/faults", "{\"failure_status\":404}").statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/__admin/faults", "{\"surprise\":1}").body()).contains("unknown field 'surprise'");
        assertThat(send("PUT", "/__admin/faults", "not json").body()).contains("not valid JSON");
        assertThat(server.faults().settings()).isEqualTo(FaultInjection.Settings.healthy());
    }

    @Test
    void uncaughtExceptionsBecomeA500WithoutDetails() throws Exception {
        HttpResponse<String> response = get("/boom");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("internal_server_error").doesNotContain("secret-detail");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersThatNeverReadTheBodyLeaveThePooledConnectionUsable() throws Exception {
        HttpClient pooled = HttpClient.newHttpClient();
        String large = "x".repeat(20_000);
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            if (i == 100) {
                server.faults().update(new FaultInjection.Settings(0, 0, 503, true)); // the fault filter answers first
            }
            try {
                pooled.send(HttpRequest.newBuilder(server.baseUri().resolve("/refuse"))
                        .POST(HttpRequest.BodyPublishers.ofString(i % 2 == 0 ? large : "{}")).build(), HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                failed++;
            }
        }
        assertThat(failed).as("requests failing on a connection the server closed under the pool").isZero();
    }
}
