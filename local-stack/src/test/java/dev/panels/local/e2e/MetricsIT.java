package dev.panels.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.panels.local.StackKeys;
import dev.panels.testsupport.AppSignIn;
import dev.panels.testsupport.HttpBrowser;
import dev.panels.testsupport.PrometheusText;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators watch: the app's {@code /metrics} (scrape token only) and Keycloak's {@code /metrics} with the
 * provider's own meters, each moved by what this test itself does.
 */
class MetricsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> appMetrics(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(E2eStack.appUrl() + "/metrics"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static PrometheusText app() throws Exception {
        HttpResponse<String> response = appMetrics("Panels-Metrics " + StackKeys.load(E2eStack.settings()).get(StackKeys.METRICS_TOKEN));
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private static PrometheusText keycloak() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + E2eStack.settings().keycloakManagementPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    /** Every series the shipped Grafana dashboard queries exists in what Keycloak and the app expose. */
    @Test
    void theGrafanaDashboardQueriesOnlySeriesTheServersExpose() throws Exception {
        AppSignIn.throughMagicLink(E2eStack.appUrl(), E2eStack.stytchUrl(), E2eStack.newPerson("panels-viewer").email());
        java.util.Set<String> exposed = new java.util.HashSet<>();
        for (PrometheusText scrape : new PrometheusText[] {keycloak(), app()}) {
            scrape.samples().keySet().forEach(k -> exposed.add(k.contains("{") ? k.substring(0, k.indexOf('{')) : k));
        }
        JsonNode dashboard = E2eStack.JSON.readTree(E2eStack.settings().repoDir().resolve("deploy/grafana/panels-dashboard.json").toFile());
        java.util.regex.Pattern series = java.util.regex.Pattern.compile("\\b([a-z_]+_(?:total|bucket|count|sum|bytes|open))\\b");
        java.util.List<String> queried = new java.util.ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                java.util.regex.Matcher m = series.matcher(target.path("expr").asText());
                while (m.find()) {
                    queried.add(m.group(1));
                }
            }
        }
        assertThat(queried).hasSizeGreaterThan(10);
        assertThat(exposed).containsAll(queried);
    }

    @Test
    void theAppsMetricsAnswerOnlyTheScraperHoldingTheToken() throws Exception {
        for (String authorization : new String[] {null, "Panels-Metrics wrong-token-of-enough-length", "Basic cGFuZWxzOnBhbmVscw==",
                "Bearer " + StackKeys.load(E2eStack.settings()).get(StackKeys.METRICS_TOKEN)}) {
            HttpResponse<String> refused = appMetrics(authorization);
            assertThat(refused.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(refused.body()).doesNotContain("panels_");
        }
    }

    @Test
    void aSignInAndAnApiCallMoveTheProvidersAndTheAppsMeters() throws Exception {
        Map<String, String> linkSucceeded = Map.of("operation", "authenticate_link", "outcome", "success");
        // any outcome: this new member has no Medplum account, so Medplum refuses the exchange (outcome http_400)
        Map<String, String> medplumToken = Map.of("request", "token_request");
        Map<String, String> panelsListed = Map.of("method", "GET", "route", "/api/panels", "status", "200");
        Map<String, String> panelRead404 = Map.of("method", "GET", "route", "/api/panels/{id}", "status", "404");
        Map<String, String> notFound = Map.of("type", "not-found");
        PrometheusText keycloakBefore = keycloak();
        PrometheusText appBefore = app();

        E2eStack.Person person = E2eStack.newPerson("panels-editor");
        HttpBrowser browser = AppSignIn.throughMagicLink(E2eStack.appUrl(), E2eStack.stytchUrl(), person.email());
        String token = AppSignIn.accessToken(browser, E2eStack.appUrl());
        String missing = "/api/panels/00000000-0000-4000-8000-000000000000";
        for (Map.Entry<String, Integer> call : Map.of("/api/panels", 200, missing, 404).entrySet()) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(E2eStack.appUrl() + call.getKey()))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(call.getKey()).isEqualTo(call.getValue());
        }

        PrometheusText keycloakAfter = keycloak();
        assertThat(keycloakAfter.sum("panels_stytch_requests_seconds_count", linkSucceeded))
                .isGreaterThanOrEqualTo(keycloakBefore.sum("panels_stytch_requests_seconds_count", linkSucceeded) + 1);
        assertThat(keycloakAfter.sum("panels_medplum_requests_seconds_count", medplumToken))
                .isGreaterThan(keycloakBefore.sum("panels_medplum_requests_seconds_count", medplumToken));
        assertThat(keycloakAfter.samples()).as("the breaker of the Medplum that answered is closed")
                .hasEntrySatisfying(keycloakAfter.samples().keySet().stream().filter(k -> k.startsWith("panels_medplum_breaker_open{"))
                        .findFirst().orElse("panels_medplum_breaker_open (missing)"), open -> assertThat(open).isZero());

        PrometheusText appAfter = app();
        assertThat(appAfter.sum("panels_http_server_requests_seconds_count", panelsListed))
                .isEqualTo(appBefore.sum("panels_http_server_requests_seconds_count", panelsListed) + 1);
        assertThat(appAfter.samples().keySet()).as("labels are route templates, never concrete paths or people")
                .noneMatch(k -> k.contains(person.email()) || k.contains(person.memberId()));
        assertThat(appAfter.sum("panels_http_server_requests_seconds_count", panelRead404))
                .isEqualTo(appBefore.sum("panels_http_server_requests_seconds_count", panelRead404) + 1);
        assertThat(appAfter.sum("panels_problems_total", notFound)).isGreaterThanOrEqualTo(appBefore.sum("panels_problems_total", notFound) + 1);
    }

    @Test
    void sessionsThatEndInTheAppRecordHowLongTheyLasted() throws Exception {
        Map<String, String> signedOut = Map.of("ended", "signed_out");
        Map<String, String> refused = Map.of("ended", "refresh_refused");
        PrometheusText before = app();

        // signed out through the app, after a refresh (which must carry the session's start along)
        HttpBrowser leaving = AppSignIn.throughMagicLink(E2eStack.appUrl(), E2eStack.stytchUrl(), E2eStack.newPerson("panels-viewer").email());
        AppSignIn.accessToken(leaving, E2eStack.appUrl());
        Thread.sleep(1100); // a session of at least a second: the recorded duration must not be zero
        assertThat(AppSignIn.sessionPost(leaving, E2eStack.appUrl(), "/auth/logout").statusCode()).isEqualTo(200);

        // ended in Keycloak (as the Sessions page or an admin ends it): the browser's next refresh is refused
        E2eStack.Person ended = E2eStack.newPerson("panels-viewer");
        HttpBrowser endedElsewhere = AppSignIn.throughMagicLink(E2eStack.appUrl(), E2eStack.stytchUrl(), ended.email());
        String user = E2eStack.admin().get("panels/users?exact=true&email=" + java.net.URLEncoder.encode(ended.email(),
                java.nio.charset.StandardCharsets.UTF_8)).get(0).path("id").asText();
        for (JsonNode session : E2eStack.admin().get("panels/users/" + user + "/sessions")) {
            E2eStack.admin().delete("panels/sessions/" + session.path("id").asText());
        }
        assertThat(AppSignIn.sessionPost(endedElsewhere, E2eStack.appUrl(), "/auth/refresh").statusCode()).isEqualTo(401);

        PrometheusText after = app();
        assertThat(after.sum("panels_session_duration_seconds_count", signedOut))
                .isEqualTo(before.sum("panels_session_duration_seconds_count", signedOut) + 1);
        assertThat(after.sum("panels_session_duration_seconds_sum", signedOut) - before.sum("panels_session_duration_seconds_sum", signedOut))
                .as("seconds from sign-in to sign-out").isGreaterThanOrEqualTo(1.0).isLessThan(600.0);
        assertThat(after.sum("panels_session_duration_seconds_count", refused))
                .isEqualTo(before.sum("panels_session_duration_seconds_count", refused) + 1);
    }
}
