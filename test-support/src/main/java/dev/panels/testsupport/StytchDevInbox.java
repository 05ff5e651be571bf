package dev.panels.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** The Stytch stand-in's dev inbox ({@code /dev/inbox.json}): the emails it would have sent, newest first. */
public final class StytchDevInbox {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String stytchUrl;

    public StytchDevInbox(String stytchUrl) {
        this.stytchUrl = stytchUrl;
    }

    /** The newest message for this address (its magic link or code), or null. */
    public JsonNode newest(String email) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                stytchUrl + "/dev/inbox.json?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("dev inbox: HTTP " + response.statusCode() + " " + response.body());
        }
        JsonNode messages = KeycloakAdmin.JSON.readTree(response.body());
        return messages.isArray() && !messages.isEmpty() ? messages.get(0) : null;
    }

    /** Waits (up to {@code timeout}) for a message sent at or after {@code after}, to one second of clock rounding. */
    public JsonNode awaitSentAfter(String email, Instant after, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode newest = newest(email);
            if (newest != null && Instant.parse(newest.path("sent_at").asText()).isAfter(after.minusSeconds(1))) {
                return newest;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no message for " + email + " in the Stytch stand-in's dev inbox within " + timeout);
    }
}
