package dev.panels.app.directory;

import dev.panels.app.Jsonp;
import dev.panels.app.problem.ProblemException;
import dev.panels.app.problem.ProblemType;
import dev.panels.app.signin.SessionConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Keycloak's member search of the provider ({@code /realms/{realm}/panels-members}), called with the caller's own
 * access token: Keycloak decides whose organization is searched, so the app holds no directory credential and
 * cannot search another organization even by mistake. Answers are rebuilt field by field (id, name, email).
 */
@ApplicationScoped
public class KeycloakMembers {

    private static final Logger LOG = Logger.getLogger(KeycloakMembers.class.getName());

    @Inject
    SessionConfig config;

    private HttpClient http;

    @PostConstruct
    void start() {
        http = HttpClient.newBuilder().connectTimeout(config.timeout()).version(HttpClient.Version.HTTP_1_1).build();
    }

    public JsonArray search(String accessToken, String query) {
        return call(accessToken, "q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    public JsonArray byIds(String accessToken, List<String> ids) {
        return call(accessToken, ids.stream().map(id -> "id=" + URLEncoder.encode(id, StandardCharsets.UTF_8)).collect(Collectors.joining("&")));
    }

    private JsonArray call(String accessToken, String query) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.serverUrl() + "/panels-members?" + query))
                .timeout(config.timeout()).header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warning(() -> "member search: Keycloak did not answer: " + e);
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
        int status = response.statusCode();
        if (status == 200) {
            return members(response.body());
        }
        LOG.warning(() -> "member search: Keycloak answered " + status);
        if (status == 400) {
            throw new ProblemException(ProblemType.VALIDATION, "Type at least 2 characters of a name or email");
        }
        if (status == 401 || status == 403) {
            throw ProblemException.forbidden("Keycloak refused the member search for your account");
        }
        throw unavailable();
    }

    static JsonArray members(String body) {
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        try (var reader = Jsonp.createReader(new StringReader(body))) {
            for (JsonValue value : reader.readArray()) {
                if (value instanceof JsonObject m && m.get("id") instanceof jakarta.json.JsonString) {
                    out.add(Jsonp.createObjectBuilder().add("id", m.getString("id"))
                            .add("name", m.getString("name", "")).add("email", m.getString("email", "")));
                }
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "member search: Keycloak's answer is not a member list: " + e);
            throw unavailable();
        }
        return out.build();
    }

    private static ProblemException unavailable() {
        return new ProblemException(ProblemType.UPSTREAM_UNAVAILABLE, "The member directory (Keycloak) is unavailable; try again shortly")
                .header("Retry-After", "5");
    }
}
