package dev.panels.app.live;

import dev.panels.app.PanelsConfig;
import dev.panels.app.auth.SessionRevocations;
import dev.panels.app.live.TransportSink.Browser;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The feed's locking against an SSE transport that completes writes on its own thread and flushes before it closes
 * (as RESTEasy does on both servers). The bounds below detect a hang; they are not latency assertions.
 */
class LiveFeedTest {

    private static final Duration HANG = Duration.ofSeconds(20);
    private static final String ORG = "organization-test-north";

    private final List<LiveEvent> stored = new CopyOnWriteArrayList<>();
    private final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2);
    private Instant now = Instant.parse("2026-12-01T09:00:00Z");
    private final LiveFeed feed = new LiveFeed();

    @BeforeEach
    void wire() {
        feed.config = new PanelsConfig() {
            @Override public int liveMaxStreams() { return 2000; }
            @Override public int liveMaxStreamsPerPerson() { return 20; }
            @Override public Duration livePollInterval() { return Duration.ofMillis(250); }
            @Override public Duration liveRetention() { return Duration.ofMinutes(15); }
        };
        feed.events = new LiveEvents() {
            @Override public long latestId() { return stored.isEmpty() ? 0 : stored.get(stored.size() - 1).id(); }
            @Override public long oldestId() { return stored.isEmpty() ? 0 : stored.get(0).id(); }
            @Override public List<LiveEvent> after(long afterId, int limit) {
                return stored.stream().filter(e -> e.id() > afterId).limit(limit).toList();
            }
            @Override public int purge(Duration retention) { return 0; }
        };
        feed.revocations = new SessionRevocations() {
            @Override public boolean isRevoked(String sid, String subject, Instant issuedAt) { return false; }
        };
        feed.clock = new Clock() {
            @Override public ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return now; }
        };
        feed.scheduler = (ManagedScheduledExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ManagedScheduledExecutorService.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(pool, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        feed.stopWait = Duration.ofMillis(500);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void aConnectionDroppingJustAsItsStreamEndsDeadlocksNeitherTheFeedNorTheTransport() {
        TransportSink sink = new TransportSink(Browser.GONE_AT_CLOSE);
        LiveStream stream = stream(sink, "sam", now.plusSeconds(1));
        feed.open(stream, OptionalLong.empty());
        now = now.plusSeconds(2); // its token expired: the next poll ends it

        // the transport fails the queued writes on its own thread as the close begins
        assertTimeoutPreemptively(HANG, () -> {
            feed.poll();
            eventually(sink::isClosed);
        });
        assertThat(feed.openStreams()).isZero();
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void aBrowserThatStopsReadingHoldsUpNeitherTheFeedNorAnotherBrowsersChanges() {
        TransportSink stuck = new TransportSink(Browser.NOT_READING);
        TransportSink reading = new TransportSink(Browser.READING);
        feed.open(stream(stuck, "rita", now.plusSeconds(1)), OptionalLong.empty());
        feed.open(stream(reading, "sam", now.plusSeconds(300)), OptionalLong.empty());
        now = now.plusSeconds(2); // rita's token expired: her stream ends, and closing it waits on her browser

        assertTimeoutPreemptively(HANG, () -> {
            feed.poll();
            stored.add(new LiveEvent(1, ORG, "Task", "task-1", "update"));
            feed.poll();
            eventually(() -> reading.written.contains("change"));
        });
        assertThat(feed.openStreams()).isOne();

        stuck.unblock(); // her browser reads again: she is told why, then the response completes
        eventually(() -> stuck.written.contains("closed"));
        assertThat(stuck.written).containsExactly("ready", "end", "closed");
    }

    @Test
    void aStoppingNodeTellsEveryBrowserWhyAndDoesNotWaitForOneThatStoppedReading() {
        TransportSink reading = new TransportSink(Browser.READING);
        TransportSink stuck = new TransportSink(Browser.NOT_READING);
        feed.open(stream(reading, "sam", now.plusSeconds(300)), OptionalLong.empty());
        feed.open(stream(stuck, "rita", now.plusSeconds(300)), OptionalLong.empty());

        assertTimeoutPreemptively(HANG, feed::stop);

        eventually(() -> reading.written.contains("closed"));
        assertThat(reading.written).containsExactly("ready", "end", "closed");
        assertThat(feed.openStreams()).isZero();
        stuck.unblock();
    }

    private LiveStream stream(TransportSink sink, String subject, Instant expiresAt) {
        return new LiveStream(sink, TransportSink.SSE, ORG, "session-" + subject, subject, Optional.of(now), expiresAt, now);
    }

    /** Waits for what another thread does; fails the test after {@link #HANG}. */
    private static void eventually(BooleanSupplier done) {
        long deadline = System.nanoTime() + HANG.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", HANG).isLessThan(deadline);
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
