package dev.panels.bench;

import dev.panels.testsupport.PrometheusText;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Reads a Prometheus text endpoint (Keycloak's /metrics) into name{labels} → value, for the figures the report cites. */
final class Metrics {

    private Metrics() {
    }

    static Map<String, Double> scrape(URI endpoint) throws Exception {
        return PrometheusText.parse(body(endpoint)).samples();
    }

    static String body(URI endpoint) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(endpoint + " answered " + response.statusCode());
        }
        return response.body();
    }
}
