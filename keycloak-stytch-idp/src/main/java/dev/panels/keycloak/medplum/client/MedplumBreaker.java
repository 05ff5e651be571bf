package dev.panels.keycloak.medplum.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a Medplum that keeps failing (no answer, time-outs, 5xx, 429), so that a hanging Medplum costs
 * Keycloak's token requests the timeout only a few times, not on every sign-in. After {@code failures} in a row
 * the breaker opens for {@code open}; the first call after that is a trial: success closes it, failure opens it
 * again. Refusals (4xx) are answers and do not count. {@code failures == 0} turns it off.
 */
final class MedplumBreaker {

    private final int failures;
    private final Duration open;
    private final Clock clock;
    private int inARow;
    private Instant openUntil = Instant.MIN;
    private String lastFailure = "";

    MedplumBreaker(int failures, Duration open, Clock clock) {
        this.failures = failures;
        this.open = open;
        this.clock = clock;
    }

    /** @throws MedplumException without calling Medplum while the breaker is open. */
    synchronized void check() throws MedplumException {
        Instant now = clock.instant();
        if (failures > 0 && now.isBefore(openUntil)) {
            throw new MedplumException("Medplum calls paused for " + Duration.between(now, openUntil).toSeconds()
                    + " s more after " + inARow + " failures in a row (last: " + lastFailure + ")");
        }
    }

    synchronized boolean isOpen() {
        return failures > 0 && clock.instant().isBefore(openUntil);
    }

    synchronized void succeeded() {
        inARow = 0;
        openUntil = Instant.MIN;
    }

    synchronized void failed(String what) {
        inARow++;
        lastFailure = what;
        if (failures > 0 && inARow >= failures) {
            openUntil = clock.instant().plus(open);
        }
    }
}
