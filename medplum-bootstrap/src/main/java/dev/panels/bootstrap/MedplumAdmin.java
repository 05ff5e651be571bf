package dev.panels.bootstrap;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Medplum's API as a project admin (client-credentials login of an admin ClientApplication): the FHIR calls on
 * ClientApplication, AccessPolicy and ProjectMembership, and the admin endpoints {@code invite} and {@code client}.
 * Every failure becomes a {@link BootstrapException} naming the call and Medplum's own message.
 */
final class MedplumAdmin {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI baseUrl;
    private final String projectId;
    private final String bearer;

    private MedplumAdmin(URI baseUrl, String projectId, String bearer) {
        this.baseUrl = baseUrl;
        this.projectId = projectId;
        this.bearer = bearer;
    }

    /**
     * Signs in with client credentials and checks, through {@code /auth/me}, that the login is an admin of
     * {@code expectedProject}: credentials for another project must never set this one up.
     */
    static MedplumAdmin signIn(URI baseUrl, String clientId, String secret, String expectedProject) {
        MedplumAdmin anonymous = new MedplumAdmin(baseUrl, expectedProject, null);
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        JsonNode token = anonymous.send("sign in as " + clientId, HttpRequest.newBuilder(baseUrl.resolve("/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")), 200);
        MedplumAdmin admin = new MedplumAdmin(baseUrl, expectedProject, "Bearer " + token.path("access_token").asText());
        JsonNode me = admin.get("/auth/me");
        String project = me.path("project").path("id").asText();
        if (!expectedProject.equals(project)) {
            throw new BootstrapException("client " + clientId + " belongs to Medplum project " + project + ", not " + expectedProject);
        }
        if (!me.path("membership").path("admin").asBoolean(false)) {
            throw new BootstrapException("client " + clientId + " is not an admin of project " + project
                    + ": mark its ProjectMembership as admin in Medplum (Project Admin > Clients)");
        }
        return admin;
    }

    /** Resources of {@code type} whose {@code field} is exactly {@code value} (FHIR string search is by prefix). */
    List<JsonNode> searchExact(String type, String parameter, String field, String value) {
        JsonNode bundle = get("/fhir/R4/" + type + "?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode entry : bundle.path("entry")) {
            if (value.equals(entry.path("resource").path(field).asText(null))) {
                found.add(entry.path("resource"));
            }
        }
        return found;
    }

    Optional<JsonNode> read(String type, String id) {
        HttpResponse<String> response = exchange("read " + type + "/" + id,
                request("/fhir/R4/" + type + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8)).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(body("read " + type + "/" + id, response, 200));
    }

    JsonNode create(String type, ObjectNode resource) {
        return send("create " + type, request("/fhir/R4/" + type).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(resource.toString())), 201);
    }

    JsonNode update(ObjectNode resource) {
        String what = "update " + resource.path("resourceType").asText() + "/" + resource.path("id").asText();
        return send(what, request("/fhir/R4/" + resource.path("resourceType").asText() + "/" + resource.path("id").asText())
                .header("Content-Type", "application/fhir+json").PUT(HttpRequest.BodyPublishers.ofString(resource.toString())), 200);
    }

    /** {@code POST /admin/projects/{id}/client}: a ClientApplication with its own (non-admin) membership. */
    JsonNode createClient(ObjectNode body) {
        return send("create ClientApplication", request("/admin/projects/" + projectId + "/client")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())), 201);
    }

    /** {@code POST /admin/projects/{id}/invite}: Medplum answers the new ProjectMembership. */
    JsonNode invite(ObjectNode body) {
        return send("invite " + body.path("externalId").asText(), request("/admin/projects/" + projectId + "/invite")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())), 200);
    }

    private JsonNode get(String path) {
        return send("GET " + path, request(path).GET(), 200);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", bearer).header("Accept", "application/fhir+json, application/json");
    }

    private JsonNode send(String what, HttpRequest.Builder request, int expected) {
        return body(what, exchange(what, request.timeout(TIMEOUT)), expected);
    }

    private HttpResponse<String> exchange(String what, HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BootstrapException(what + ": Medplum at " + baseUrl + " did not answer (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BootstrapException(what + ": interrupted");
        }
    }

    private static JsonNode body(String what, HttpResponse<String> response, int expected) {
        JsonNode json;
        try {
            json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            json = JSON.nullNode();
        }
        // Medplum answers some failures with 200 and an OperationOutcome (e.g. an invite whose email could not be sent).
        if (response.statusCode() != expected || "OperationOutcome".equals(json.path("resourceType").asText())) {
            throw new BootstrapException(what + ": Medplum answered " + response.statusCode() + " " + message(json));
        }
        return json;
    }

    private static String message(JsonNode json) {
        String text = json.path("issue").path(0).path("details").path("text").asText(null);
        if (text != null) {
            String where = json.path("issue").path(0).path("expression").path(0).asText(null);
            return where == null ? text : text + " (" + where + ")";
        }
        return json.path("error_description").asText(json.path("error").asText("(no details)"));
    }
}
