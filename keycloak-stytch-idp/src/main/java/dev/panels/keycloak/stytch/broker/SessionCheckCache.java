package dev.panels.keycloak.stytch.broker;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers for a short time that a Stytch member session was still active, so refreshes do not all call Stytch. */
public class SessionCheckCache {

    private final Map<String, Long> validUntil = new ConcurrentHashMap<>();
    private final Clock clock;

    public SessionCheckCache() {
        this(Clock.systemUTC());
    }

    public SessionCheckCache(Clock clock) {
        this.clock = clock;
    }

    public boolean recentlyValid(String sessionId) {
        Long until = validUntil.get(sessionId);
        if (until == null) {
            return false;
        }
        if (until <= clock.millis()) {
            validUntil.remove(sessionId, until);
            return false;
        }
        return true;
    }

    public void markValid(String sessionId, int seconds) {
        if (seconds <= 0) {
            return;
        }
        long now = clock.millis();
        if (validUntil.size() > 50_000) {
            validUntil.entrySet().removeIf(e -> e.getValue() <= now);
        }
        validUntil.put(sessionId, now + seconds * 1000L);
    }

    public void forget(String sessionId) {
        validUntil.remove(sessionId);
    }
}
