package dev.panels.app.auth;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * This node's copy of the revoked sessions, read again from the database once it is older than {@code maxAge}, so a
 * logout recorded by any node is refused here within {@code maxAge} plus one query, and a request costs no database
 * look-up in between. A copy that cannot be refreshed is never served past its age: the load's failure propagates
 * (the request gets 503 database-unavailable), so a database outage cannot let a revoked session back in.
 */
final class RevocationCache {

    /** One revoked session or subject, keyed by {@link RevokedSession#key}. */
    record Revocation(LocalDateTime revokedAt, LocalDateTime expiresAt) {
    }

    private record Copy(long loadedAt, Map<String, Revocation> revocations) {
    }

    private final Supplier<Map<String, Revocation>> loader;
    private final LongSupplier nanoTime;
    private final long maxAgeNanos;
    private final Object loading = new Object();
    private volatile Copy copy;

    RevocationCache(Supplier<Map<String, Revocation>> loader, LongSupplier nanoTime, Duration maxAge) {
        this.loader = loader;
        this.nanoTime = nanoTime;
        this.maxAgeNanos = maxAge.toNanos();
    }

    Revocation get(String key) {
        return current().get(key);
    }

    /**
     * After this node committed a revocation: the next look-up reads the database again. It waits for a load in
     * progress, which may have read the database before the commit, and then discards what that load kept.
     */
    void invalidate() {
        synchronized (loading) {
            copy = null;
        }
    }

    private Map<String, Revocation> current() {
        Copy fresh = copy;
        if (fresh != null && nanoTime.getAsLong() - fresh.loadedAt() < maxAgeNanos) {
            return fresh.revocations();
        }
        synchronized (loading) {
            fresh = copy;
            if (fresh != null && nanoTime.getAsLong() - fresh.loadedAt() < maxAgeNanos) {
                return fresh.revocations();
            }
            // Aged from before the query: a revocation committed while it runs is at most maxAge late.
            long startedAt = nanoTime.getAsLong();
            Map<String, Revocation> loaded = Map.copyOf(loader.get());
            copy = new Copy(startedAt, loaded);
            return loaded;
        }
    }
}
