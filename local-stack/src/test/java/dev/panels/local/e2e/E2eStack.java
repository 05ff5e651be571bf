package dev.panels.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.panels.local.StackSettings;
import dev.panels.local.it.SharedStack;
import dev.panels.testsupport.KeycloakAdmin;
import dev.panels.testsupport.StytchDevInbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one local stack of this module's ITs (started once per test JVM by {@link SharedStack}, ports 18510-18550),
 * and the Keycloak admin calls the browser tests need to set up people and settings.
 */
final class E2eStack {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private E2eStack() {
    }

    static StackSettings settings() {
        try {
            return SharedStack.get().settings();
        } catch (Exception e) {
            throw new IllegalStateException("the local stack did not start: " + e.getMessage(), e);
        }
    }

    static String appUrl() {
        return settings().appUrl();
    }

    static String stytchUrl() {
        return settings().stytchUrl();
    }

    /** A Stytch member of Riverside Health created for one test: signs in through Stytch like everyone else. */
    record Person(String email, String memberId) {
    }

    /** Riverside's Stytch roles for each realm role (the realm export's Stytch role mappers); others get no panels role. */
    private static final Map<String, List<String>> STYTCH_ROLES = Map.of(
            "panels-viewer", List.of("panels-user"), "panels-editor", List.of("panels-builder"),
            "panels-admin", List.of("panels-admin"));
    static final String RIVERSIDE = "organization-test-22222222-2222-4222-8222-222222222222";

    /** A new member of Riverside (no MFA there) whose Stytch roles map to {@code role}; Medplum does not know them. */
    static Person newPerson(String role) throws IOException, InterruptedException {
        String email = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "@riverside.example";
        Map<String, Object> member = Map.of("email_address", email, "name", "E2E Clinician",
                "roles", STYTCH_ROLES.getOrDefault(role, List.of()));
        JsonNode seed = sampleSeedProject();
        String basic = java.util.Base64.getEncoder().encodeToString((seed.path("project_id").asText() + ":"
                + seed.path("secret").asText()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(stytchUrl() + "/v1/b2b/organizations/" + RIVERSIDE + "/members"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(member))).build(), HttpResponse.BodyHandlers.ofString());
        return new Person(email, JSON.readTree(expect(created, 200, "create Stytch member").body()).path("member_id").asText());
    }

    /** The emulator's sample project (id and secret), as the local stack runs it. */
    private static JsonNode sampleSeedProject() throws IOException {
        try (var in = dev.panels.emulator.stytch.StytchEmulator.class.getResourceAsStream("/seed/sample-seed.json")) {
            return JSON.readTree(in).path("project");
        }
    }

    static String userId(String username) {
        return admin().get("panels/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8))
                .get(0).path("id").asText();
    }

    /** Sets (or, with null, removes) the app client's own access-token lifespan, in seconds. */
    static void appClientAccessTokenLifespan(Integer seconds) {
        JsonNode client = admin().get("panels/clients?clientId=panels-app").get(0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) client.path("attributes"))
                .put("access.token.lifespan", seconds == null ? "" : seconds.toString());
        admin().put("panels/clients/" + client.path("id").asText(), client);
    }

    /** Keycloak's admin API as the stack's bootstrap admin. */
    static KeycloakAdmin admin() {
        return new KeycloakAdmin(settings().keycloakUrl(), StackSettings.ADMIN_USER, settings().adminPassword());
    }

    /** Newest dev-inbox message of the Stytch emulator for this address (its magic link or code). */
    static JsonNode newestEmail(String email) throws IOException, InterruptedException {
        return new StytchDevInbox(stytchUrl()).newest(email);
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response;
    }
}
