package dev.panels.app.signin;

import dev.panels.app.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The app's confidential-client calls to Keycloak's OIDC endpoints (client_secret_basic). Failures are
 * sorted into what the browser can act on: {@link Refused} (the grant is dead: sign in again) and
 * {@link Unavailable} (Keycloak down or misconfigured: retry later). Nothing here logs tokens or secrets.
 */
public class OidcClient {

    private final String serverUrl;
    private final String clientId;
    private final String clientSecret;
    private final Duration timeout;
    private final HttpClient http;

    public OidcClient(String serverUrl, String clientId, String clientSecret, Duration timeout) {
        this.serverUrl = serverUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public record Tokens(String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn, String idToken) {
        @Override
        public String toString() {
            return "Tokens[expiresIn=" + expiresIn + ", refreshExpiresIn=" + refreshExpiresIn + "]"; // never the values
        }
    }

    public Tokens exchangeCode(String code, String redirectUri, String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", codeVerifier);
        return tokens(post("/protocol/openid-connect/token", form));
    }

    public Tokens refresh(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return tokens(post("/protocol/openid-connect/token", form));
    }

    /**
     * Ends the Keycloak session the refresh token belongs to (Keycloak's back-channel logout endpoint for
     * confidential clients); Keycloak then notifies every client of the session, the app included.
     */
    public void endSession(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("refresh_token", refreshToken);
        Response response = post("/protocol/openid-connect/logout", form);
        if (response.status() >= 300 && !response.isGrantError()) {
            throw new Unavailable("Keycloak logout answered HTTP " + response.status());
        }
    }

    private Tokens tokens(Response response) {
        if (response.status() != 200) {
            if (response.isGrantError()) {
                throw new Refused(response.error());
            }
            throw new Unavailable("Keycloak token endpoint answered HTTP " + response.status()
                    + (response.error().isEmpty() ? "" : " (" + response.error() + ")"));
        }
        JsonObject body = response.json();
        String access = text(body, "access_token");
        String refresh = text(body, "refresh_token");
        if (access == null || refresh == null) {
            throw new Unavailable("Keycloak's token response has no access or refresh token");
        }
        return new Tokens(access, number(body, "expires_in", 300), refresh, number(body, "refresh_expires_in", 0),
                text(body, "id_token"));
    }

    private Response post(String path, Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(enc(k) + "=" + enc(v)));
        String basic = Base64.getEncoder().encodeToString((enc(clientId) + ":" + enc(clientSecret)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(serverUrl + path))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new Unavailable("Keycloak is not reachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while calling Keycloak");
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String text(JsonObject body, String name) {
        return body.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static long number(JsonObject body, String name, long fallback) {
        return body.containsKey(name) && body.get(name).getValueType() == jakarta.json.JsonValue.ValueType.NUMBER
                ? body.getJsonNumber(name).longValue() : fallback;
    }

    record Response(int status, String body) {
        JsonObject json() {
            try (var reader = Jsonp.createReader(new StringReader(body == null ? "" : body))) {
                return reader.readObject();
            } catch (JsonException | IllegalStateException e) {
                return Jsonp.createObjectBuilder().build();
            }
        }

        String error() {
            return status >= 400 ? String.valueOf(text(json(), "error") == null ? "" : text(json(), "error")) : "";
        }

        /** RFC 6749 5.2: the grant (code or refresh token) is invalid, expired, revoked or reused. */
        boolean isGrantError() {
            return status == 400 && ("invalid_grant".equals(error()) || "invalid_token".equals(error()));
        }
    }

    /** The authorization server refused the grant: the session is over. */
    public static final class Refused extends RuntimeException {
        public Refused(String error) {
            super(error, null, false, false);
        }
    }

    /** Keycloak could not be reached or answered unexpectedly; retrying later may succeed. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message, null, false, false);
        }
    }
}
