package dev.panels.keycloak;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The provider's own meters, registered in Micrometer's global registry, which Keycloak (Quarkus) exposes on
 * {@code /metrics} of its management port when started with {@code --metrics-enabled=true}: how long Stytch and
 * Medplum take to answer and with what outcome, and whether the Medplum breaker is open. Tags never carry a user,
 * a token or an organization: only what was called and how it ended.
 */
public final class CallMetrics {

    /** Histogram buckets from 1 ms to 30 s, so quantiles aggregate across Keycloak nodes. */
    private static final Duration MIN = Duration.ofMillis(1);
    private static final Duration MAX = Duration.ofSeconds(30);

    private CallMetrics() {
    }

    /** {@code panels_stytch_requests_seconds{operation, outcome}}: outcome is {@code success} or the failure kind. */
    public static void stytch(Enum<?> operation, String outcome, long startedNanos) {
        Timer.builder("panels.stytch.requests").description("Stytch B2B API calls made by the Keycloak provider")
                .tag("operation", name(operation)).tag("outcome", outcome).publishPercentileHistogram()
                .minimumExpectedValue(MIN).maximumExpectedValue(MAX)
                .register(Metrics.globalRegistry).record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /** {@code panels_medplum_requests_seconds{request, outcome}}: token requests, token exchanges, logouts, profiles. */
    public static void medplum(String request, String outcome, long startedNanos) {
        Timer.builder("panels.medplum.requests").description("Medplum calls made by the Keycloak provider")
                .tag("request", request.toLowerCase(Locale.ROOT).replace(' ', '_')).tag("outcome", outcome)
                .publishPercentileHistogram().minimumExpectedValue(MIN).maximumExpectedValue(MAX)
                .register(Metrics.globalRegistry).record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /** {@code panels_medplum_breaker_open{medplum}}: 1 while calls to that Medplum are paused. */
    public static void breaker(String medplumBaseUrl, BooleanSupplier open) {
        Gauge.builder("panels.medplum.breaker.open", open, o -> o.getAsBoolean() ? 1 : 0)
                .description("1 while the provider pauses calls to this Medplum after repeated failures")
                .tag("medplum", medplumBaseUrl).strongReference(true).register(Metrics.globalRegistry);
    }

    public static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
