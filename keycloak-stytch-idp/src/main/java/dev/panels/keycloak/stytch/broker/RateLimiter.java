package dev.panels.keycloak.stytch.broker;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Fixed-window limits per key (email and client IP, client IP, password or MFA guesses) against email bombing and
 * guessing, cluster-wide: the counts live in Keycloak's single-use store ({@link LoginAttempts} uses it too), which
 * every node shares, so N nodes still allow only the configured number per window.
 * <p>
 * That store has no compare-and-set counter, only an atomic {@code putIfAbsent}. So a window of limit L is L "slot"
 * entries, {@code panels-rate.<kind>.<sha256(key)>.<window index>.<slot>}: an attempt is allowed when it is the one
 * that creates a free slot, refused when all L are taken. Entries expire with their window; a new window has new keys.
 * Keys are hashed so the store never holds an email or IP in clear and its keys stay short.
 * <p>
 * Cost per attempt: at most L {@code contains} calls (local reads of the replicated cache; slots already taken are
 * skipped without a write) and usually one {@code putIfAbsent} (a cluster write; a lost race tries the next slot).
 */
final class RateLimiter {

    static final String KEY_PREFIX = "panels-rate.";

    /** The limits and their windows, in one place; the number allowed per window comes from the provider config. */
    enum Kind {
        /** Magic-link emails per address and client IP. */
        EMAIL("email", Duration.ofMinutes(15)),
        /** Magic-link emails per client IP. */
        IP("ip", Duration.ofMinutes(15)),
        /** Password guesses per address and client IP, MFA codes per member. */
        SECRET("secret", Duration.ofMinutes(15));

        private final String id;
        private final Duration window;

        Kind(String id, Duration window) {
            this.id = id;
            this.window = window;
        }

        Duration window() {
            return window;
        }
    }

    private final SingleUseObjectProvider store;
    private final Kind kind;
    private final Clock clock;

    RateLimiter(SingleUseObjectProvider store, Kind kind, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The limiter of one kind for this request (the store is per session; the counts are cluster-wide). */
    static RateLimiter of(KeycloakSession session, Kind kind) {
        return new RateLimiter(session.singleUseObjects(), kind, Clock.systemUTC());
    }

    /**
     * Counts one attempt for {@code key}; false when {@code limit} attempts were already counted in the current
     * window (a refused attempt is not counted).
     *
     * @throws IllegalArgumentException when {@code limit} is not positive (the config getters never return that)
     */
    boolean tryAcquire(String key, int limit) {
        Objects.requireNonNull(key, "key");
        if (limit <= 0) {
            throw new IllegalArgumentException("rate limit must be positive: " + limit);
        }
        long windowMillis = kind.window().toMillis();
        long now = clock.millis();
        long index = Math.floorDiv(now, windowMillis);
        long rest = (index + 1) * windowMillis - now;
        // Until the window ends (rounded up, at least the 1 s the store accepts): old slots never block a new window.
        long lifespanSeconds = Math.max(1, (rest + 999) / 1000);
        String prefix = KEY_PREFIX + kind.id + '.' + StytchIdentityProviderFactory.sha256(key) + '.' + index + '.';
        for (int slot = 0; slot < limit; slot++) {
            String slotKey = prefix + slot;
            // contains() only skips slots known taken without a cluster write; putIfAbsent() settles races.
            if (!store.contains(slotKey) && store.putIfAbsent(slotKey, lifespanSeconds)) {
                return true;
            }
        }
        return false;
    }
}
