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
    private final java.util.concurrent.atomic.AtomicLong invalidations = new java.util.concurrent.atomic.AtomicLong();
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
     * After this node committed a revocation: the next look-up reads the database again, and a load in progress (which
     * may have read the database before the commit) is not kept. It never waits for that load: it is called from the
     * revoking transaction's completion, while the JPA provider may still hold the new row's lock, which the load in
     * progress may be waiting for (Liberty's EclipseLink merges into its shared cache after interposed
     * synchronizations run: waiting here deadlocked the two).
     */
    void invalidate() {
        invalidations.incrementAndGet();
        copy = null;
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
            long generation = invalidations.get();
            Map<String, Revocation> loaded = Map.copyOf(loader.get());
            // invalidated meanwhile: this answer may predate the commit, so it serves this look-up only
            copy = generation == invalidations.get() ? new Copy(startedAt, loaded) : null;
            return loaded;
        }
    }
}
