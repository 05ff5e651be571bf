package dev.panels.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.panels.local.StackSettings;
import dev.panels.testsupport.KeycloakAdmin;
import dev.panels.testsupport.OidcClient;
import dev.panels.testsupport.PrometheusText;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Refresh-token grants through the same Keycloak, alternating: the app's client, whose {@code medplum} scope runs the
 * Medplum mapper (the Medplum token cached in the session, sealed into each access token), against a twin client
 * without that scope. Both sessions are brokered Stytch sign-ins of the same clinician. The provider's own counter
 * of Medplum token requests, read from Keycloak's /metrics before and after, says how many refreshes reached Medplum.
 */
final class Refreshes {

    static final String TWIN = "panels-bench-without-medplum";
    private static final Map<String, String> TOKEN_REQUESTS = Map.of("request", "token_request");

    record Outcome(List<Load.Result> results, double medplumTokenRequests) {
    }

    private Refreshes() {
    }

    static Outcome compare(StackSettings settings, int count) throws Exception {
        String secret = settings.clientSecret();
        String redirect = settings.appUrl() + "/auth/callback";
        createTwin(new KeycloakAdmin(settings.keycloakUrl(), StackSettings.ADMIN_USER, settings.adminPassword()), secret);
        OidcClient app = new OidcClient(settings.issuer(), "panels-app", redirect, secret);
        OidcClient twin = new OidcClient(settings.issuer(), TWIN, redirect, secret);
        String appRefresh = SignIns.stytchSignIn(app, redirect, settings.stytchUrl(), Bench.CLINICIAN).refreshToken();
        String twinRefresh = SignIns.stytchSignIn(twin, redirect, settings.stytchUrl(), Bench.CLINICIAN).refreshToken();
        // warm-up, then the counted loop
        for (int i = 0; i < 10; i++) {
            appRefresh = refresh(app, appRefresh, null);
            twinRefresh = refresh(twin, twinRefresh, null);
        }
        URI metrics = URI.create("http://127.0.0.1:" + settings.keycloakManagementPort() + "/metrics");
        double before = tokenRequests(metrics);
        Histogram withMapper = new Histogram(3);
        Histogram without = new Histogram(3);
        long withNanos = 0;
        long withoutNanos = 0;
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            appRefresh = refresh(app, appRefresh, withMapper);
            long t1 = System.nanoTime();
            twinRefresh = refresh(twin, twinRefresh, without);
            withNanos += t1 - t0;
            withoutNanos += System.nanoTime() - t1;
        }
        double medplumCalls = tokenRequests(metrics) - before;
        return new Outcome(List.of(
                Load.Result.of("refresh grant with the Medplum mapper (token cached)", 1, count, withNanos / 1e9, 0, withMapper),
                Load.Result.of("refresh grant without the Medplum mapper", 1, count, withoutNanos / 1e9, 0, without)),
                medplumCalls);
    }

    private static String refresh(OidcClient client, String refreshToken, Histogram histogram) {
        long t0 = System.nanoTime();
        OidcClient.TokenResponse tokens = client.refresh(refreshToken);
        if (histogram != null) {
            histogram.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
        }
        if (tokens.status() != 200) {
            throw new IllegalStateException("refresh grant answered " + tokens.status() + " " + tokens.json());
        }
        return tokens.refreshToken();
    }

    private static double tokenRequests(URI metrics) throws Exception {
        return PrometheusText.parse(Metrics.body(metrics)).sum("panels_medplum_requests_seconds_count", TOKEN_REQUESTS);
    }

    /** The app's client as the realm export defines it, under another id, without the Medplum scope and logout URL. */
    private static void createTwin(KeycloakAdmin admin, String secret) {
        if (!admin.get("panels/clients?clientId=" + TWIN).isEmpty()) {
            return;
        }
        JsonNode app = admin.get("panels/clients?clientId=panels-app").get(0);
        ObjectNode twin = ((ObjectNode) app).deepCopy();
        twin.remove("id");
        twin.put("clientId", TWIN);
        twin.put("secret", secret);
        ((ObjectNode) twin.path("attributes")).remove("backchannel.logout.url");
        ArrayNode scopes = twin.putArray("defaultClientScopes");
        app.path("defaultClientScopes").forEach(scope -> {
            if (!scope.asText().equals("medplum")) {
                scopes.add(scope);
            }
        });
        for (JsonNode mapper : twin.path("protocolMappers")) {
            ((ObjectNode) mapper).remove("id");
        }
        admin.post("panels/clients", twin);
    }
}
