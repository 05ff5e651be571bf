package dev.panels.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.stytch.java.common.StytchResult;
import dev.panels.testsupport.KeycloakAdmin;
import dev.panels.testsupport.OidcClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** What the ITs on the imported realm export ask of Keycloak, Medplum and Stytch around a sign-in. */
final class PanelsRealm {

    private PanelsRealm() {
    }

    /** The realm's saved events of a type for a user that match, once {@code expected} of them are there (stored at commit). */
    /**
     * Sets options of the realm export's Stytch identity provider (null removes one) and returns their previous
     * values, for {@link #restoreIdp} in the class's {@code @AfterAll}.
     */
    static java.util.Map<String, String> overrideIdp(KeycloakServer kc, java.util.Map<String, String> settings) {
        String path = KeycloakServer.PANELS_REALM + "/identity-provider/instances/stytch-b2b";
        com.fasterxml.jackson.databind.node.ObjectNode idp = (com.fasterxml.jackson.databind.node.ObjectNode) kc.admin().get(path);
        com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode) idp.path("config");
        java.util.Map<String, String> before = new java.util.LinkedHashMap<>();
        settings.forEach((key, value) -> {
            before.put(key, config.path(key).asText(null));
            if (value == null) {
                config.remove(key);
            } else {
                config.put(key, value);
            }
        });
        kc.admin().put(path, idp);
        return before;
    }

    static void restoreIdp(KeycloakServer kc, java.util.Map<String, String> before) {
        overrideIdp(kc, before);
    }

    static List<JsonNode> events(KeycloakServer kc, String type, String userId, Predicate<JsonNode> match, int expected)
            throws InterruptedException {
        List<JsonNode> found = List.of();
        for (int attempt = 0; attempt < 50 && found.size() < expected; attempt++) {
            if (attempt > 0) {
                Thread.sleep(100);
            }
            List<JsonNode> all = new ArrayList<>();
            kc.admin().get(KeycloakServer.PANELS_REALM + "/events?type=" + type + "&user=" + KeycloakAdmin.enc(userId)).forEach(all::add);
            found = all.stream().filter(match).toList();
        }
        return found;
    }

    /** The Medplum token in an access token's claims, opened as panels-app opens it (the claim itself is sealed). */
    static String medplumToken(JsonNode claims) {
        return new dev.panels.keycloak.medplum.mapper.SealedValues(KeycloakServer.MEDPLUM_TOKEN_KEYS, java.time.Clock.systemUTC())
                .open(dev.panels.keycloak.medplum.mapper.MedplumProtocolMapper.SEALED_CLAIM, claims.path("medplum_token").asText())
                .orElseThrow(() -> new AssertionError("medplum_token does not open with the shared keys: " + claims));
    }

    /** The status Medplum answers a FHIR search made with this bearer token. */
    static int medplumStatus(KeycloakServer kc, String bearer) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(kc.medplum().fhirBaseUrl() + "/Patient?_count=1"))
                .header("Authorization", "Bearer " + bearer).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A FHIR read or search at the Medplum stand-in with this bearer token (status 200 asserted). */
    static JsonNode medplumGet(KeycloakServer kc, String pathAndQuery, String bearer) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(kc.medplum().fhirBaseUrl() + "/" + pathAndQuery))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/fhir+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s with the medplum_token: %s", pathAndQuery, r.body()).isEqualTo(200);
        return KeycloakAdmin.JSON.readTree(r.body());
    }

    /** A form post to the Medplum stand-in's token endpoint: status and JSON body. */
    static OidcClient.TokenResponse medplumToken(KeycloakServer kc, String form) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(kc.medplum().baseUrl() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new OidcClient.TokenResponse(r.statusCode(), KeycloakAdmin.JSON.readTree(r.body()));
    }

    /** The value of a Stytch SDK call, failing the test with Stytch's error otherwise. */
    @SuppressWarnings("unchecked")
    static <T> T ok(CompletableFuture<StytchResult<T>> call) {
        try {
            StytchResult<T> r = call.get(10, TimeUnit.SECONDS);
            if (r instanceof StytchResult.Success<T> s) {
                return s.getValue();
            }
            throw new AssertionError("Stytch call failed: " + ((StytchResult.Error) r).getException());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
