package dev.panels.app.medplum;

/**
 * Medplum could not answer (connection refused, timeout, 5xx, 429). Retried on idempotent reads,
 * counted by the circuit breaker, and answered 503 with Retry-After when it persists.
 */
public class UpstreamUnavailableException extends RuntimeException {

    public UpstreamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
