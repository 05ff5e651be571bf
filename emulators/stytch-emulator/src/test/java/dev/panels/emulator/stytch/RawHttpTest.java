package dev.panels.emulator.stytch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad requests as a client other than the SDK could send them: always Stytch-shaped errors, never stack traces. */
class RawHttpTest extends EmulatorTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String path, String body, boolean withCredentials) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emu.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withCredentials) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (emu.projectId() + ":" + emu.secret()).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode assertStytchError(HttpResponse<String> response, int status, String errorType)
            throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status_code").asInt()).isEqualTo(status);
        assertThat(body.path("error_type").asText()).isEqualTo(errorType);
        assertThat(body.path("error_message").asText()).isNotBlank();
        assertThat(body.path("error_url").asText()).startsWith("https://stytch.com/docs/b2b/api/errors/" + status + "#" + errorType);
        assertThat(body.path("request_id").asText()).startsWith("request-id-test-");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return body;
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        assertStytchError(post("/v1/b2b/magic_links/email/discovery/send", "{not json", true), 400, "bad_request");
    }

    @Test
    void aNonObjectBodyIsABadRequest() throws Exception {
        assertStytchError(post("/v1/b2b/magic_links/email/discovery/send", "[1,2]", true), 400, "bad_request");
    }

    @Test
    void aMissingRequiredFieldIsABadRequestNamingTheField() throws Exception {
        JsonNode body = assertStytchError(post("/v1/b2b/discovery/intermediate_sessions/exchange",
                "{\"organization_id\":\"" + Seeded.RIVERSIDE + "\"}", true), 400, "bad_request");
        assertThat(body.path("error_message").asText()).contains("intermediate_session_token");
    }

    @Test
    void aFieldOfTheWrongTypeIsABadRequest() throws Exception {
        assertStytchError(post("/v1/b2b/discovery/intermediate_sessions/exchange",
                "{\"intermediate_session_token\":\"x\",\"organization_id\":\"o\",\"session_duration_minutes\":\"soon\"}",
                true), 400, "bad_request");
    }

    @Test
    void missingCredentialsAreUnauthorizedEvenForABadBody() throws Exception {
        assertStytchError(post("/v1/b2b/magic_links/email/discovery/send", "{not json", false), 401,
                "unauthorized_credentials");
    }

    @Test
    void anUnknownRouteIsStytchsRouteNotFound() throws Exception {
        assertStytchError(post("/v1/b2b/no/such/route", "{}", true), 404, "route_not_found");
        assertStytchError(post("/nothing-here", "{}", true), 404, "route_not_found");
    }

    @Test
    void successfulResponsesCarryRequestIdAndStatusCode() throws Exception {
        HttpResponse<String> response = post("/v1/b2b/magic_links/email/discovery/send",
                "{\"email_address\":\"" + Seeded.SAM_EMAIL + "\"}", true);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status_code").asInt()).isEqualTo(200);
        assertThat(body.path("request_id").asText()).startsWith("request-id-test-");
    }

    @Test
    void injectedFaultsAnswerInStytchsErrorFormat() throws Exception {
        emu.faults().update(new dev.panels.emulator.common.FaultInjection.Settings(0, 0, 503, true));
        try {
            assertStytchError(post("/v1/b2b/magic_links/email/discovery/send", "{}", true), 503,
                    "service_unavailable");
        } finally {
            emu.faults().reset();
        }
    }
}
