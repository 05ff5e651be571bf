package dev.panels.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.panels.emulator.medplum.MedplumEmulator;
import dev.panels.identity.LiveHooks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * What the Medplum bootstrap's live-update step does for a real project, done for the freshly seeded stand-in (which
 * starts empty every time, so there is nothing to find first): each sample project's admin client writes one
 * rest-hook Subscription per live type, posting to the app's {@code /hooks/medplum/<organization>} with that
 * organization's secret. Only organizations the app maps to that project get them.
 */
final class LiveSubscriptions {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveSubscriptions() {
    }

    /** @return how many Subscriptions were written */
    static int create(String medplumUrl, String appUrl, String hookKey, Map<String, String> projectByOrganization) throws IOException, InterruptedException {
        byte[] key = LiveHooks.key(hookKey);
        int written = 0;
        for (MedplumEmulator.SampleClient client : MedplumEmulator.sampleClients()) {
            if (!client.projectId().equals(projectByOrganization.get(client.organizationId()))) {
                continue;
            }
            String token = token(medplumUrl, client);
            String endpoint = LiveHooks.endpoint(appUrl, client.organizationId());
            for (String type : LiveHooks.RESOURCE_TYPES) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(medplumUrl + "/fhir/R4/Subscription"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(LiveHooks.subscription(type, endpoint,
                                LiveHooks.secret(key, client.organizationId())))).build();
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    throw new IOException("Medplum refused the " + type + " Subscription of " + client.projectId() + ": "
                            + response.statusCode() + " " + response.body());
                }
                written++;
            }
        }
        return written;
    }

    private static String token(String medplumUrl, MedplumEmulator.SampleClient client) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(client.clientId(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(client.clientSecret(), StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(medplumUrl + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Medplum refused " + client.clientId() + "'s client credentials: " + response.statusCode());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }
}
