package dev.panels.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Minimal Keycloak admin REST client for tests: a master-realm admin token (renewed before it expires) and JSON
 * GET/POST/PUT/DELETE under {@code /admin/realms}. Non-2xx answers throw {@link AdminException} with the body.
 */
public final class KeycloakAdmin {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String username;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant tokenExpires = Instant.EPOCH;

    public static final class AdminException extends RuntimeException {
        private final int status;

        AdminException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public KeycloakAdmin(String baseUrl, String username, String password) {
        this.baseUrl = baseUrl;
        this.username = username;
        this.password = password;
    }

    public synchronized String token() {
        if (token == null || Instant.now().isAfter(tokenExpires.minusSeconds(10))) {
            String form = "grant_type=password&client_id=admin-cli&username=" + enc(username) + "&password=" + enc(password);
            JsonNode r = send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)), false);
            token = r.get("access_token").asText();
            tokenExpires = Instant.now().plusSeconds(r.get("expires_in").asLong());
        }
        return token;
    }

    /** GET {@code /admin/realms/<path>} (path may start with "/"; empty path = list of realms). */
    public JsonNode get(String path) {
        return send(request(path).GET(), true);
    }

    /** GET {@code /admin/<path>} outside /admin/realms, e.g. {@code serverinfo}. */
    public JsonNode getAdmin(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/" + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token()).header("Accept", "application/json").GET(), true);
    }

    public JsonNode post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").POST(body(body)), true);
    }

    public JsonNode put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").PUT(body(body)), true);
    }

    public JsonNode delete(String path) {
        return send(request(path).DELETE(), true);
    }

    /** The status of a GET, without throwing (e.g. 404 checks). */
    public int status(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String url(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return baseUrl + "/admin/realms" + (p.isEmpty() ? "" : "/" + p);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token()).header("Accept", "application/json");
    }

    private static HttpRequest.BodyPublisher body(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder b, boolean admin) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new AdminException(r.statusCode(), r.request().method() + " " + r.request().uri() + " -> "
                        + r.statusCode() + ": " + r.body());
            }
            if (r.body() == null || r.body().isBlank()) {
                return JSON.createObjectNode();
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
