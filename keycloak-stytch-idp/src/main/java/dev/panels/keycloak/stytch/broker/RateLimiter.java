package dev.panels.keycloak.stytch.broker;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window counters per key (hashed email, client IP) to stop email bombing. Per Keycloak node: with N nodes the
 * effective limit is at most N times the configured one.
 */
public class RateLimiter {

    private record Window(long start, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Duration window;
    private final Clock clock;

    public RateLimiter(Duration window) {
        this(window, Clock.systemUTC());
    }

    public RateLimiter(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    /** Counts one attempt for {@code key}; false when that exceeds {@code limit} in the current window. */
    public boolean tryAcquire(String key, int limit) {
        long now = clock.millis();
        if (windows.size() > 10_000) {
            windows.entrySet().removeIf(e -> now - e.getValue().start() >= window.toMillis());
        }
        Window w = windows.compute(key, (k, old) -> old == null || now - old.start() >= window.toMillis()
                ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        return w.count() <= limit;
    }
}
