package dev.panels.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Instant;

/**
 * The app's meters, in one Prometheus registry per deployment, served by {@link MetricsServlet}: request latency by
 * route, problem types answered, Medplum call latency by operation and outcome, and session revocations. Static, like
 * Micrometer's own global registry, so that value types such as {@code Problem} can count themselves. Tags never carry
 * a user, a token, an organization or an id: only routes, types and outcomes.
 */
public final class AppMetrics {

    /** Histogram buckets from 1 ms to 30 s: quantiles aggregate across app nodes (histogram_quantile in PromQL). */
    private static final Duration MIN = Duration.ofMillis(1);
    private static final Duration MAX = Duration.ofSeconds(30);
    private static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Listens to the JVM's GC notifications: closed when the app is undeployed, or it would pin the old WAR. */
    private static final JvmGcMetrics GC = new JvmGcMetrics();
    private static final AtomicInteger LIVE_STREAMS = new AtomicInteger();

    static {
        new JvmMemoryMetrics().bindTo(REGISTRY);
        GC.bindTo(REGISTRY);
        new JvmThreadMetrics().bindTo(REGISTRY);
        new ProcessorMetrics().bindTo(REGISTRY);
        // Counters a healthy node may not move for hours exist from the start, so rate() and alerts see a zero.
        Counter.builder("panels.session.revocations").tag("kind", "sid").register(REGISTRY);
        Counter.builder("panels.session.revocations").tag("kind", "sub").register(REGISTRY);
        Counter.builder("panels.revoked.requests").register(REGISTRY);
        Gauge.builder("panels.live.streams", LIVE_STREAMS, AtomicInteger::get).description("Open live-update streams on this node")
                .register(REGISTRY);
        for (String outcome : new String[]{"stored", "duplicate", "ignored", "refused", "unknown-organization", "too-large", "unavailable"}) {
            Counter.builder("panels.live.hooks").tag("outcome", outcome).register(REGISTRY);
        }
        for (SessionEnd end : SessionEnd.values()) {
            sessionDuration(end);
        }
    }

    /** How a browser session ended, as far as the app sees it. */
    public enum SessionEnd {
        /** The person signed out through the app. */
        SIGNED_OUT,
        /** Keycloak refused the session's refresh: it expired, or was ended elsewhere (Sessions page, admin, logout). */
        REFRESH_REFUSED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private AppMetrics() {
    }

    /** {@code panels_http_server_requests_seconds{method, route, status}}, a histogram. */
    public static void request(String method, String route, int status, long startedNanos) {
        Timer.builder("panels.http.server.requests").description("API requests by route template")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(MIN).maximumExpectedValue(MAX)
                .register(REGISTRY).record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /** {@code panels_problems_total{type}}: every problem+json answer, by its type. */
    public static void problem(String type) {
        Counter.builder("panels.problems").description("Problem details answered, by type").tag("type", type)
                .register(REGISTRY).increment();
    }

    /** {@code panels_medplum_requests_seconds{operation, outcome}}. */
    public static void medplum(String operation, String outcome, long startedNanos) {
        Timer.builder("panels.medplum.requests").description("FHIR calls to Medplum with the user's own token")
                .tag("operation", operation).tag("outcome", outcome).publishPercentileHistogram()
                .minimumExpectedValue(MIN).maximumExpectedValue(MAX)
                .register(REGISTRY).record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /** {@code panels_live_hooks_total{outcome}}: Medplum rest-hook deliveries, by what became of them. */
    public static void liveHook(String outcome) {
        Counter.builder("panels.live.hooks").description("Medplum rest-hook deliveries").tag("outcome", outcome)
                .register(REGISTRY).increment();
    }

    /** {@code panels_live_streams}: a stream opened (+1) or ended (-1) on this node. */
    public static void liveStreams(int delta) {
        LIVE_STREAMS.addAndGet(delta);
    }

    /** {@code panels_session_revocations_total{kind}}: back-channel logouts recorded (by session id or by subject). */
    public static void revocation(String kind) {
        Counter.builder("panels.session.revocations").description("Back-channel logouts recorded").tag("kind", kind)
                .register(REGISTRY).increment();
    }

    /** {@code panels_revoked_requests_total}: requests refused because their session was logged out. */
    public static void refusedRevoked() {
        Counter.builder("panels.revoked.requests").description("Requests refused for a logged-out session")
                .register(REGISTRY).increment();
    }

    /**
     * {@code panels_session_duration_seconds{ended}}: from sign-in to the end the app saw. A session whose browser just
     * goes away ends at Keycloak's idle timeout without the app seeing it, so is not counted.
     */
    public static void sessionEnded(SessionEnd end, Instant startedAt) {
        if (startedAt != null) {
            sessionDuration(end).record(Duration.between(startedAt, Instant.now()));
        }
    }

    private static Timer sessionDuration(SessionEnd end) {
        return Timer.builder("panels.session.duration").description("Browser sessions from sign-in to their end")
                .tag("ended", end.label()).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofHours(12))
                .register(REGISTRY);
    }

    /** On undeploy: lets go of the JVM's GC notifications and of the registry. */
    static void close() {
        GC.close();
        REGISTRY.close();
    }

    /** The Prometheus text exposition of every meter. */
    static String scrape() {
        return REGISTRY.scrape();
    }
}
