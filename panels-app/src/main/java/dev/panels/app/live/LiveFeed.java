package dev.panels.app.live;

import dev.panels.app.PanelsConfig;
import dev.panels.app.auth.SessionRevocations;
import dev.panels.app.problem.ProblemException;
import dev.panels.app.problem.ProblemType;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's side of live worklists: reads the changes every node stored ({@link LiveEvents}) a few times a second
 * and sends each to the open streams of its organization, and only of its organization. Streams end when their access
 * token expires or their session is logged out, so a stream is never worth more than the token that opened it. One
 * lock orders everything that sends, so a resuming stream gets what it missed before anything newer.
 */
@ApplicationScoped
public class LiveFeed {

    private static final Logger LOG = Logger.getLogger(LiveFeed.class.getName());
    /** A resume that missed more than this reloads everything instead. */
    static final int MAX_REPLAY = 500;

    private static final int BATCH = 1000;
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    @Inject
    PanelsConfig config;

    @Inject
    LiveEvents events;

    @Inject
    SessionRevocations revocations;

    @Inject
    Clock clock;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    /** How long stopping waits for the streams' responses to complete. */
    Duration stopWait = Duration.ofSeconds(5);

    private final Object sending = new Object();
    private final List<LiveStream> streams = new ArrayList<>();
    /** The newest event this node has handed out (guarded by {@link #sending}); -1 until first read. */
    private long watermark = -1;
    private Instant lastPurge = Instant.EPOCH;
    private Instant lastFailureLogged = Instant.EPOCH;
    private ScheduledFuture<?> poller;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (config.liveHookKey().isPresent()) {
            long every = config.livePollInterval().toMillis();
            poller = scheduler.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (poller != null) {
            poller.cancel(false);
        }
        List<LiveStream> stopped;
        synchronized (sending) {
            Instant now = clock.instant();
            streams.forEach(s -> s.end("server-stopping", now));
            stopped = List.copyOf(streams);
            streams.clear();
        }
        // bounded: a browser that stopped reading must not keep the application from stopping
        try {
            scheduler.submit(() -> stopped.forEach(LiveStream::closeSink)).get(stopWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            stopped.forEach(LiveStream::closeSink);
        } catch (TimeoutException | ExecutionException e) {
            LOG.log(Level.WARNING, "Some live streams did not close within {0} s; the server''s shutdown drops them", stopWait.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many streams this node holds open. */
    public int openStreams() {
        synchronized (sending) {
            return streams.size();
        }
    }

    /**
     * Adds the stream: with {@code lastEventId}, first what its organization missed since then ({@code reset} when that
     * is no longer kept, or too much), else {@code ready}. Refused beyond the per-person and per-node limits (429, 503);
     * database failures propagate (the caller answers 503).
     */
    void open(LiveStream stream, OptionalLong lastEventId) {
        synchronized (sending) {
            // checked where the stream is added, so concurrent opens cannot pass a limit together
            int perPerson = config.liveMaxStreamsPerPerson();
            if (streams.stream().filter(s -> s.subject.equals(stream.subject) && s.isOpen()).count() >= perPerson) {
                throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, "You have " + perPerson
                        + " live streams open on this server already; close some tabs").header("Retry-After", "30");
            }
            if (streams.size() >= config.liveMaxStreams()) {
                throw new ProblemException(ProblemType.UPSTREAM_UNAVAILABLE, "This server holds as many live streams as it may; try again shortly")
                        .header("Retry-After", "10");
            }
            long upTo = currentWatermark();
            Instant now = clock.instant();
            if (lastEventId.isEmpty()) {
                stream.ready(upTo, now);
            } else {
                long from = lastEventId.getAsLong();
                List<LiveEvent> missed = from > upTo || from < events.oldestId() - 1 ? null
                        : events.missed(stream.organizationId, from, upTo, MAX_REPLAY + 1);
                if (missed == null || missed.size() > MAX_REPLAY) {
                    stream.reset(upTo, now);
                } else if (missed.isEmpty()) {
                    stream.ready(upTo, now);
                } else {
                    missed.forEach(event -> stream.change(event, now));
                }
            }
            streams.add(stream);
            stream.held();
        }
    }

    void poll() {
        List<LiveStream> ended = new ArrayList<>();
        try {
            synchronized (sending) {
                if (streams.isEmpty()) {
                    watermark = -1; // no one listens: nothing to read; the next stream starts from the newest event
                } else {
                    deliver(ended);
                }
            }
            purgeNowAndThen();
        } catch (RuntimeException e) {
            Instant now = clock.instant();
            if (Duration.between(lastFailureLogged, now).toMinutes() >= 1) {
                lastFailureLogged = now;
                LOG.log(Level.WARNING, "Live updates paused (tried again every {0} ms): {1}",
                        new Object[]{config.livePollInterval().toMillis(), e.toString()});
            }
        } finally {
            closeOutsideTheLock(ended);
        }
    }

    /**
     * Completing an ended stream's response may wait on a slow browser's flush; on the executor, that waits neither
     * the feed's lock nor the next poll, so one browser cannot hold up every other's changes.
     */
    private void closeOutsideTheLock(List<LiveStream> ended) {
        if (ended.isEmpty()) {
            return;
        }
        try {
            scheduler.execute(() -> ended.forEach(LiveStream::closeSink));
        } catch (RejectedExecutionException e) {
            ended.forEach(LiveStream::closeSink); // the application is stopping
        }
    }

    private void deliver(List<LiveStream> ended) {
        long from = currentWatermark();
        Instant now = clock.instant();
        for (LiveEvent event : events.after(from, BATCH)) {
            for (LiveStream stream : streams) {
                if (stream.organizationId.equals(event.organizationId()) && stream.isOpen()) {
                    stream.change(event, now);
                }
            }
            watermark = event.id();
        }
        endExpiredAndRevoked(now, ended);
    }

    private void endExpiredAndRevoked(Instant now, List<LiveStream> ended) {
        streams.removeIf(stream -> !stream.isOpen() && ended.add(stream));
        for (LiveStream stream : List.copyOf(streams)) {
            String reason;
            try {
                reason = !now.isBefore(stream.expiresAt) ? "token-expired"
                        : revocations.isRevoked(stream.sessionId, stream.subject, stream.issuedAt.orElse(null)) ? "session-ended" : null;
            } catch (RuntimeException e) {
                reason = "unavailable"; // revocations cannot be checked: no stream outlives a logout unseen
            }
            if (reason != null) {
                stream.end(reason, now);
                streams.remove(stream);
                ended.add(stream);
            } else {
                stream.pingIfQuiet(now);
            }
        }
    }

    private long currentWatermark() {
        if (watermark < 0) {
            watermark = events.latestId();
        }
        return watermark;
    }

    private void purgeNowAndThen() {
        Instant now = clock.instant();
        if (Duration.between(lastPurge, now).compareTo(PURGE_EVERY) >= 0) {
            lastPurge = now;
            events.purge(config.liveRetention());
        }
    }
}
