package dev.panels.app.auth;

import dev.panels.app.auth.RevocationCache.Revocation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevocationCacheTest {

    private static final LocalDateTime T = LocalDateTime.of(2026, 12, 2, 8, 0);

    /** The database as other nodes write it. */
    private final Map<String, Revocation> database = new HashMap<>();
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong(1_000);
    private boolean databaseDown;

    private final RevocationCache cache = new RevocationCache(() -> {
        loads.incrementAndGet();
        if (databaseDown) {
            throw new IllegalStateException("connection refused");
        }
        return Map.copyOf(database);
    }, nanos::get, Duration.ofMillis(500));

    private void advanceMillis(long millis) {
        nanos.addAndGet(Duration.ofMillis(millis).toNanos());
    }

    @Test
    void requestsWithinTheRefreshIntervalShareOneDatabaseRead() {
        cache.get("sid:a");
        advanceMillis(499);
        cache.get("sid:a");
        cache.get("sub:b");

        assertThat(loads).hasValue(1);
    }

    @Test
    void aRevocationWrittenByAnotherNodeIsSeenOnceTheCopyIsOlderThanTheInterval() {
        assertThat(cache.get("sid:a")).isNull();
        database.put("sid:a", new Revocation(T, T.plusHours(1)));

        advanceMillis(499);
        assertThat(cache.get("sid:a")).as("still this node's copy").isNull();
        advanceMillis(1);
        assertThat(cache.get("sid:a")).isEqualTo(new Revocation(T, T.plusHours(1)));
    }

    @Test
    void aRevocationCommittedOnThisNodeIsSeenByTheNextRequest() {
        cache.get("sid:a");
        database.put("sid:a", new Revocation(T, T.plusHours(1)));
        cache.invalidate();

        assertThat(cache.get("sid:a")).isNotNull();
        assertThat(loads).hasValue(2);
    }

    @Test
    void invalidatingNeverWaitsForALoadInProgressAndThatLoadIsNotKept() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger slowLoads = new AtomicInteger();
        RevocationCache blocking = new RevocationCache(() -> {
            if (slowLoads.incrementAndGet() == 1) {
                loading.countDown();
                await(release); // as a query waits for a row the revoking transaction still holds
            }
            return Map.copyOf(database);
        }, nanos::get, Duration.ofMillis(500));
        Thread reader = new Thread(() -> blocking.get("sid:a"));
        reader.start();
        assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();

        database.put("sid:a", new Revocation(T, T.plusHours(1)));
        Thread revoker = new Thread(blocking::invalidate);
        revoker.start();
        revoker.join(5_000);
        assertThat(revoker.isAlive()).as("the revoking transaction's completion does not wait for the load").isFalse();

        release.countDown();
        reader.join(5_000);
        assertThat(blocking.get("sid:a")).as("the load that may predate the commit was not kept").isNotNull();
        assertThat(slowLoads).hasValue(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aStaleCopyIsNeverServedWhileTheDatabaseIsDown() {
        database.put("sid:a", new Revocation(T, T.plusHours(1)));
        cache.get("sid:a");
        databaseDown = true;
        advanceMillis(500);

        assertThatThrownBy(() -> cache.get("sid:a")).hasMessage("connection refused");
        assertThatThrownBy(() -> cache.get("sid:other")).as("no copy kept from before the failure")
                .hasMessage("connection refused");

        databaseDown = false;
        assertThat(cache.get("sid:a")).isNotNull();
    }
}
