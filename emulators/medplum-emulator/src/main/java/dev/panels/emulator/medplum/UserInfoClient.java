package dev.panels.emulator.medplum;

import com.fasterxml.jackson.core.type.TypeReference;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Validates a token-exchange subject token the way Medplum does ({@code getExternalUserInfo}): by calling the
 * identity provider's userinfo endpoint with it as bearer token. Whatever the provider accepts is valid.
 */
final class UserInfoClient {

    /** The provider's answer: the claims, or why there are none. */
    record Result(Map<String, Object> claims, String failure) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Result fetch(String userinfoUrl, String subjectToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(userinfoUrl))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + subjectToken)
                .header("Accept", "application/json")
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Result(null, "the identity provider refused the subject token (HTTP " + response.statusCode() + ")");
            }
            return new Result(JsonResponses.MAPPER.readValue(response.body(), new TypeReference<Map<String, Object>>() { }), null);
        } catch (IOException e) {
            return new Result(null, "the identity provider's userinfo endpoint could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted while calling the identity provider");
        }
    }
}
