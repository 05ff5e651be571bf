package dev.panels.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.panels.local.AppNode;
import dev.panels.local.KeycloakNode;
import dev.panels.local.LocalStack;
import dev.panels.local.it.SharedStack;
import dev.panels.testsupport.RateLimitWindows;
import dev.panels.testsupport.AppSignIn;
import dev.panels.testsupport.HttpBrowser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster (./run-local --cluster: two Keycloak nodes on PostgreSQL clustered by Infinispan over jdbc-ping, an Open
 * Liberty and a WildFly app node, HAProxy in front of each tier), failed one node at a time. Runs in its own Failsafe
 * execution with {@code panels.it.server=cluster}; every test starts again what it stopped.
 */
class ClusterIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static LocalStack stack;
    private static List<KeycloakNode> keycloak;
    private static List<AppNode> apps;

    @BeforeAll
    static void cluster() throws Exception {
        stack = SharedStack.get();
        assertThat(stack.settings().cluster()).as("this class runs against the cluster (panels.it.server=cluster)").isTrue();
        keycloak = stack.settings().keycloakNodes();
        apps = stack.settings().appNodes();
        for (String node : List.of("keycloak-a", "keycloak-b", "liberty", "wildfly")) {
            awaitBalancer(node, "UP");
        }
    }

    @Test
    void peopleStaySignedInWhenTheirKeycloakNodeStopsAndARestartedNodeServesThemAgain() throws Exception {
        String email = E2eStack.newPerson("panels-editor").email();
        HttpBrowser browser = signInThrough("keycloak-a", email);
        String sessionBefore = onlyKeycloakSession(email);

        stopAndAwait("keycloak-a");
        try {
            // the app's refresh reaches Keycloak through the balancer: only node B is left to answer it
            String refreshedOnB = AppSignIn.accessToken(browser, E2eStack.appUrl());
            assertThat(onlyKeycloakSession(email)).as("the same Keycloak session, now served by node B").isEqualTo(sessionBefore);
            for (AppNode app : apps) {
                assertThat(panels(app.url(), refreshedOnB)).as("token refreshed on B, used on " + app.name()).isEqualTo(200);
            }
        } finally {
            startAndAwait("keycloak-a");
        }

        stopAndAwait("keycloak-b");
        try {
            String refreshedOnA = AppSignIn.accessToken(browser, E2eStack.appUrl());
            assertThat(onlyKeycloakSession(email)).as("the restarted node A serves the session without a new sign-in")
                    .isEqualTo(sessionBefore);
            assertThat(panels(E2eStack.appUrl(), refreshedOnA)).isEqualTo(200);
        } finally {
            startAndAwait("keycloak-b");
        }
    }

    @Test
    void aSignInInFlightWhenItsKeycloakNodeStopsNeedsAtMostOneRetry() throws Exception {
        String email = E2eStack.newPerson("panels-viewer").email();
        int retries = 0;
        HttpBrowser browser;
        try {
            try {
                // the email is sent through node B; B stops before the magic link comes back to Keycloak
                browser = AppSignIn.throughMagicLink(routedTo("keycloak-b"), E2eStack.appUrl(), E2eStack.stytchUrl(), email,
                        () -> stopAndAwait("keycloak-b"));
            } catch (RuntimeException | AssertionError first) {
                retries++;
                browser = AppSignIn.throughMagicLink(E2eStack.appUrl(), E2eStack.stytchUrl(), email);
            }
            assertThat(retries).as("retries the person needed").isLessThanOrEqualTo(1);
            assertThat(panels(E2eStack.appUrl(), AppSignIn.accessToken(browser, E2eStack.appUrl()))).isEqualTo(200);
        } finally {
            if (balancerStatus("keycloak-b").equals("DOWN")) {
                startAndAwait("keycloak-b");
            }
        }
    }

    @Test
    void anAppNodeThatStopsUnderLoadCostsAtMostOneVisibleFailureAndRejoins() throws Exception {
        String token = AppSignIn.accessToken(signInThrough("keycloak-a", E2eStack.newPerson("panels-viewer").email()), E2eStack.appUrl());
        for (AppNode app : apps) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread load = new Thread(() -> {
                while (running.get()) {
                    try {
                        int status = panels(E2eStack.appUrl(), token);
                        if (status == 200) {
                            ok.incrementAndGet();
                        } else {
                            failures.add("HTTP " + status);
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "cluster-load");
            load.start();
            try {
                Thread.sleep(1000);
                stopAndAwait(app.name());
                int before = ok.get();
                Thread.sleep(2000);
                assertThat(ok.get()).as("requests kept succeeding on the other node").isGreaterThan(before);
            } finally {
                running.set(false);
                load.join();
                startAndAwait(app.name());
            }
            assertThat(failures).as("failures the clients saw while " + app.name() + " stopped").hasSizeLessThanOrEqualTo(1);
            assertThat(panels(app.url(), token)).as(app.name() + " serves again after its restart").isEqualTo(200);
        }
    }

    @Test
    void aSessionEndedInKeycloakIsRefusedOnEveryAppNodeWithinOneSecond() throws Exception {
        String email = E2eStack.newPerson("panels-viewer").email();
        HttpBrowser browser = signInThrough("keycloak-b", email);
        String token = AppSignIn.accessToken(browser, E2eStack.appUrl());
        for (AppNode app : apps) {
            assertThat(panels(app.url(), token)).isEqualTo(200);
        }
        // as the Sessions page does: Keycloak ends the session and sends the back-channel logout (to one app node)
        E2eStack.admin().delete("panels/sessions/" + onlyKeycloakSession(email));
        Instant deadline = Instant.now().plusSeconds(1);
        List<AppNode> accepting = new ArrayList<>(apps);
        while (!accepting.isEmpty() && Instant.now().isBefore(deadline)) {
            accepting.removeIf(app -> panelsQuietly(app.url(), token) == 401);
            Thread.sleep(50);
        }
        assertThat(accepting).as("app nodes still accepting the ended session's token 1 s after Keycloak ended it").isEmpty();
    }

    @Test
    void theEmailLimitHoldsAcrossKeycloakNodesNotPerNode() throws Exception {
        String email = E2eStack.newPerson("panels-viewer").email();
        // the cluster stack allows 4 sign-in emails per address and client per window (SharedStack.CLUSTER_PORTS)
        List<Integer> answers = new ArrayList<>();
        RateLimitWindows.awaitRoom(RateLimitWindows.PROVIDER_WINDOW, Duration.ofSeconds(90));
        for (String node : List.of("keycloak-a", "keycloak-b", "keycloak-a", "keycloak-b", "keycloak-a", "keycloak-b")) {
            answers.add(askForMagicLink(routedTo(node), email));
        }
        assertThat(answers).as("four emails across both nodes, then refused on either").containsExactly(200, 200, 200, 200, 429, 429);
    }

    // ---- helpers

    /** A browser whose requests to Keycloak's balancer go to {@code node} (HAProxy's affinity cookie). */
    private static HttpBrowser routedTo(String node) {
        HttpBrowser browser = new HttpBrowser();
        browser.cookies().put(URI.create(E2eStack.settings().keycloakUrl()),
                Map.of("Set-Cookie", List.of("KC_ROUTE=" + node + "; Path=/")));
        return browser;
    }

    private static HttpBrowser signInThrough(String node, String email) throws Exception {
        return AppSignIn.throughMagicLink(routedTo(node), E2eStack.appUrl(), E2eStack.stytchUrl(), email, () -> { });
    }

    /** Up to the Stytch email form and its submission; the HTTP status of the answer (429 when limited). */
    private static int askForMagicLink(HttpBrowser browser, String email) throws Exception {
        HttpBrowser.Page login = browser.getOnce(E2eStack.appUrl() + "/auth/login?returnTo=%2F");
        HttpBrowser.Page keycloakPage = browser.get(login.location().orElseThrow());
        HttpBrowser.Page stytch = browser.get(new dev.panels.testsupport.KeycloakLoginPage(keycloakPage).stytchButton());
        return browser.submit(new dev.panels.testsupport.StytchSignInPage(stytch).emailForm().with("email", email)).status();
    }

    /** The id of the one Keycloak session of {@code email}, read through the admin API. */
    private static String onlyKeycloakSession(String email) {
        JsonNode user = E2eStack.admin().get("panels/users?exact=true&email=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(user).as("the Keycloak user of " + email).hasSize(1);
        JsonNode sessions = E2eStack.admin().get("panels/users/" + user.get(0).path("id").asText() + "/sessions");
        assertThat(sessions).as("Keycloak sessions of " + email).hasSize(1);
        return sessions.get(0).path("id").asText();
    }

    private static int panels(String appUrl, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(appUrl + "/api/panels")).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int panelsQuietly(String appUrl, String token) {
        try {
            return panels(appUrl, token);
        } catch (Exception e) {
            return -1;
        }
    }

    private static void stopAndAwait(String node) {
        stack.stopNode(node);
        awaitBalancer(node, "DOWN");
    }

    private static void startAndAwait(String node) {
        try {
            stack.startNode(node);
        } catch (Exception e) {
            throw new IllegalStateException(node + " did not start again: " + e.getMessage(), e);
        }
        awaitBalancer(node, "UP");
    }

    /** Waits until HAProxy's own health checks see {@code node} in {@code state} (UP or DOWN). */
    private static void awaitBalancer(String node, String state) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (balancerStatus(node).equals(state)) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the balancer did not see " + node + " " + state + " within 30 s; it says " + balancerStatus(node));
    }

    /** The node's state on HAProxy's status page (CSV: proxy, server, ..., status in the 18th column). */
    private static String balancerStatus(String node) {
        try {
            String csv = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + E2eStack.settings().balancerStatsPort() + "/stats;csv")).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String line : csv.split("\n")) {
                String[] fields = line.split(",");
                if (fields.length > 17 && fields[1].equals(node)) {
                    return fields[17].split(" ")[0];
                }
            }
            return "missing";
        } catch (Exception e) {
            return "unreachable";
        }
    }
}
