package dev.panels.keycloak.medplum.client;

import dev.panels.keycloak.CallMetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Medplum's OAuth token endpoint and the one FHIR call the mapper needs, over java.net.http with Jackson
 * (Keycloak's own). Independent of Keycloak so it is tested against the Medplum emulator directly.
 */
public final class MedplumTokenClient {

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private final MedplumBreaker breaker;

    /** {@code breakerFailures} failures in a row pause calls for {@code breakerOpen} (0 failures: never pause). */
    public MedplumTokenClient(String baseUrl, Duration timeout, int breakerFailures, Duration breakerOpen, Clock clock) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.breaker = new MedplumBreaker(breakerFailures, breakerOpen, clock);
        CallMetrics.breaker(baseUrl, breaker::isOpen);
    }

    public MedplumToken clientCredentials(String clientId, String clientSecret) throws MedplumException {
        return token(form("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret));
    }

    /**
     * RFC 8693 exchange of a Keycloak-signed subject token for a Medplum one. Medplum checks the subject token at
     * Keycloak's userinfo endpoint and puts the token into the client's own project; it authenticates nothing but the
     * subject token (no client secret, and a {@code project} parameter would be ignored), so neither is sent.
     */
    public MedplumToken exchange(String clientId, String subjectToken) throws MedplumException {
        return token(form("grant_type", TOKEN_EXCHANGE, "client_id", clientId,
                "subject_token", subjectToken, "subject_token_type", ACCESS_TOKEN_TYPE));
    }

    /** Ends the Medplum login of this access token (its refresh token dies with it): Medplum's {@code /oauth2/logout}. */
    public void logout(String accessToken) throws MedplumException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/logout"))
                .timeout(timeout)
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        int status = send(request, "logout").statusCode();
        if (status != 200 && status != 401) { // 401: the login had ended already
            throw new MedplumException("Medplum refused the logout (HTTP " + status + ")");
        }
    }

    /** Medplum rotates refresh tokens: the returned one replaces the one sent, which stops working. */
    public MedplumToken refresh(String refreshToken) throws MedplumException {
        return token(form("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /**
     * The Practitioner with identifier {@code system|value}, created if there is none, by a conditional create
     * ({@code If-None-Exist}) so concurrent first logins cannot make two. Returns {@code Practitioner/<id>}.
     */
    public String findOrCreatePractitioner(String accessToken, String system, String value, String name, String email)
            throws MedplumException {
        ObjectNode practitioner = JSON.createObjectNode().put("resourceType", "Practitioner");
        practitioner.putArray("identifier").addObject().put("system", system).put("value", value);
        if (name != null && !name.isBlank()) {
            practitioner.putArray("name").addObject().put("text", name);
        }
        if (email != null && !email.isBlank()) {
            practitioner.putArray("telecom").addObject().put("system", "email").put("value", email);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/fhir/R4/Practitioner"))
                .timeout(timeout)
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .header("Prefer", "return=representation")
                .header("If-None-Exist", "identifier=" + encode(system + "|" + value))
                .POST(HttpRequest.BodyPublishers.ofString(practitioner.toString()))
                .build();
        HttpResponse<String> response = send(request, "Practitioner create");
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new MedplumException("Medplum refused the Practitioner create (HTTP " + response.statusCode() + ")");
        }
        String id = parse(response.body(), "Practitioner").path("id").asText("");
        if (id.isEmpty()) {
            id = response.headers().firstValue("Location").map(MedplumTokenClient::idFromLocation).orElse("");
        }
        if (id.isEmpty()) {
            throw new MedplumException("Medplum's Practitioner create answer has no id");
        }
        return "Practitioner/" + id;
    }

    private MedplumToken token(Map<String, String> form) throws MedplumException {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/token"))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = send(request, "token request");
        JsonNode json = parse(response.body(), "token");
        if (response.statusCode() != 200) {
            // Medplum answers OAuth errors ({error, error_description}) or, for login failures such as "User not found",
            // an OperationOutcome; both are fixed words ("Invalid secret", "User not found"), safe to log.
            String error = json.path("error").asText("");
            String description = json.path("error_description").asText(
                    json.path("issue").path(0).path("details").path("text").asText(""));
            throw new MedplumException("Medplum refused the " + form.get("grant_type") + " request (HTTP "
                    + response.statusCode() + (error.isEmpty() ? "" : ", " + error) + (description.isEmpty() ? "" : ": " + description) + ")");
        }
        String access = json.path("access_token").asText("");
        long expiresIn = json.path("expires_in").asLong(0);
        if (access.isEmpty() || expiresIn <= 0) {
            throw new MedplumException("Medplum's token answer has no access_token or expires_in");
        }
        String project = json.path("project").path("reference").asText("");
        String profile = json.path("profile").path("reference").asText("");
        return new MedplumToken(access, json.path("refresh_token").asText(null),
                clock.instant().plusSeconds(expiresIn),
                project.startsWith("Project/") ? project.substring("Project/".length()) : (project.isEmpty() ? null : project),
                profile.isEmpty() ? null : profile);
    }

    private HttpResponse<String> send(HttpRequest request, String what) throws MedplumException {
        long started = System.nanoTime();
        try {
            breaker.check();
        } catch (MedplumException e) {
            CallMetrics.medplum(what, "paused", started);
            throw e;
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500 || response.statusCode() == 429) {
                breaker.failed(what + ": HTTP " + response.statusCode());
            } else {
                breaker.succeeded();
            }
            CallMetrics.medplum(what, response.statusCode() < 400 ? "success" : "http_" + response.statusCode(), started);
            return response;
        } catch (IOException e) {
            breaker.failed(what + ": " + e.getClass().getSimpleName());
            CallMetrics.medplum(what, "unavailable", started);
            throw new MedplumException("Medplum did not answer the " + what + " at " + baseUrl + " ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MedplumException("interrupted while waiting for Medplum", e);
        }
    }

    private static JsonNode parse(String body, String what) throws MedplumException {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new MedplumException("Medplum's " + what + " answer is not JSON");
        }
    }

    private static String idFromLocation(String location) {
        String[] parts = location.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equals("Practitioner")) {
                return parts[i + 1];
            }
        }
        return "";
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1]);
        }
        return m;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
