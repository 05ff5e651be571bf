package dev.panels.emulator.common;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reliability switches shared by the emulators: added latency, a share of failing calls, and "down".
 * Settable at start (system properties / environment) and at runtime through {@link FaultAdminServlet}.
 * Immutable snapshots are swapped atomically so a request always sees one consistent setting.
 */
public final class FaultInjection {

    /** One consistent set of switches. */
    public record Settings(long latencyMillis, double failureRate, int failureStatus, boolean down) {
        public Settings {
            if (latencyMillis < 0 || latencyMillis > 120_000) {
                throw new IllegalArgumentException("latency_ms must be between 0 and 120000");
            }
            if (failureRate < 0 || failureRate > 1) {
                throw new IllegalArgumentException("failure_rate must be between 0.0 and 1.0");
            }
            if (failureStatus != 429 && (failureStatus < 500 || failureStatus > 599)) {
                throw new IllegalArgumentException("failure_status must be 429 or a 5xx status");
            }
        }

        public static Settings healthy() {
            return new Settings(0, 0, 503, false);
        }

        public Map<String, Object> toMap() {
            return Map.of("latency_ms", latencyMillis, "failure_rate", failureRate,
                    "failure_status", failureStatus, "down", down);
        }
    }

    private volatile Settings settings;

    public FaultInjection(Settings initial) {
        this.settings = initial;
    }

    /** Reads {@code <prefix>.latency-ms}, {@code .failure-rate}, {@code .failure-status}, {@code .down} (see {@link ConfigValues}). */
    public static FaultInjection fromEnvironment(String prefix) {
        try {
            return new FaultInjection(new Settings(
                    Long.parseLong(ConfigValues.get(prefix, "latency-ms", "0")),
                    Double.parseDouble(ConfigValues.get(prefix, "failure-rate", "0")),
                    Integer.parseInt(ConfigValues.get(prefix, "failure-status", "503")),
                    Boolean.parseBoolean(ConfigValues.get(prefix, "down", "false"))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + " fault settings must be numbers: " + e.getMessage(), e);
        }
    }

    public Settings settings() {
        return settings;
    }

    public void update(Settings next) {
        this.settings = next;
    }

    public void reset() {
        this.settings = Settings.healthy();
    }

    /** The status this call must fail with, if any. Latency is applied by the caller. */
    public Optional<Integer> failureFor(Settings current) {
        if (current.down()) {
            return Optional.of(503);
        }
        if (current.failureRate() > 0 && ThreadLocalRandom.current().nextDouble() < current.failureRate()) {
            return Optional.of(current.failureStatus());
        }
        return Optional.empty();
    }
}
