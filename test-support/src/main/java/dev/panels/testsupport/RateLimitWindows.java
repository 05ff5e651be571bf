package dev.panels.testsupport;

import java.time.Clock;
import java.time.Duration;

/**
 * The provider's rate limits count in fixed windows aligned to the epoch (15 minutes: :00, :15, :30, :45). A test that
 * sends limit + 1 attempts and expects the last one refused must send them all inside one window: a burst that
 * straddles a boundary is two windows' worth, and rightly allowed. This waits, when the window ends too soon, for the
 * next one.
 */
public final class RateLimitWindows {

    public static final Duration PROVIDER_WINDOW = Duration.ofMinutes(15);

    private RateLimitWindows() {
    }

    /** Returns when at least {@code needed} is left of the current {@code window}, waiting for the next one if not. */
    public static void awaitRoom(Duration window, Duration needed) {
        long left = left(Clock.systemUTC().millis(), window.toMillis());
        if (left < needed.toMillis()) {
            try {
                Thread.sleep(left + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static long left(long nowMillis, long windowMillis) {
        return (Math.floorDiv(nowMillis, windowMillis) + 1) * windowMillis - nowMillis;
    }
}
