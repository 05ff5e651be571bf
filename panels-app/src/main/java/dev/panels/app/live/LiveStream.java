package dev.panels.app.live;

import dev.panels.app.metrics.AppMetrics;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One browser's open stream: whose it is (organization, session, token lifetime) and what it was last sent. Events
 * are {@code change} (a resource changed: type, id, interaction), {@code ready} (connected, nothing missed),
 * {@code reset} (changes were missed beyond what is kept: reload everything), {@code ping} (the connection is alive)
 * and {@code end} (the stream ends: the token expired, the session ended or the node stops; reconnect with a fresh
 * token). Every event but ping and end carries the id to resume from. Only {@link LiveFeed}'s lock sends.
 */
final class LiveStream {

    static final Duration PING_EVERY = Duration.ofSeconds(15);
    private static final int OPEN = 0;
    private static final int HELD = 1;
    private static final int ENDED = 2;

    final String organizationId;
    final String sessionId;
    final String subject;
    final Optional<Instant> issuedAt;
    final Instant expiresAt;
    private final SseEventSink sink;
    private final Sse sse;
    private final AtomicInteger state = new AtomicInteger(OPEN);
    private long lastSentId;
    private Instant lastSentAt;

    LiveStream(SseEventSink sink, Sse sse, String organizationId, String sessionId, String subject,
               Optional<Instant> issuedAt, Instant expiresAt, Instant now) {
        this.sink = sink;
        this.sse = sse;
        this.organizationId = organizationId;
        this.sessionId = sessionId;
        this.subject = subject;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.lastSentAt = now;
    }

    /** Counted in {@code panels_live_streams} from when the feed holds it (a stream refused before is never counted). */
    void held() {
        if (state.compareAndSet(OPEN, HELD)) {
            AppMetrics.liveStreams(1);
        }
    }

    /** Sends the change unless this stream already had it (a resume overlapping the feed). */
    void change(LiveEvent event, Instant now) {
        if (event.id() > lastSentId) {
            send(sse.newEventBuilder().id(Long.toString(event.id())).name("change").data(event.json()).build(), now);
            lastSentId = event.id();
        }
    }

    void ready(long id, Instant now) {
        lastSentId = id;
        send(sse.newEventBuilder().id(Long.toString(id)).name("ready").data("{}").build(), now);
    }

    void reset(long id, Instant now) {
        lastSentId = id;
        send(sse.newEventBuilder().id(Long.toString(id)).name("reset").data("{}").build(), now);
    }

    void pingIfQuiet(Instant now) {
        if (Duration.between(lastSentAt, now).compareTo(PING_EVERY) >= 0) {
            send(sse.newEventBuilder().name("ping").data("{}").build(), now);
        }
    }

    /** Tells the browser why and ends the stream; {@link #closeSink()} then completes the response. */
    void end(String reason, Instant now) {
        if (state.get() != ENDED) {
            send(sse.newEventBuilder().name("end").data("{\"reason\":\"" + reason + "\"}").build(), now);
            markEnded();
        }
    }

    boolean isOpen() {
        if (state.get() != ENDED && sink.isClosed()) {
            markEnded(); // the transport closed it (the browser went away)
        }
        return state.get() != ENDED;
    }

    /**
     * Completes the response. It may wait for earlier events to be flushed to a slow browser (RESTEasy flushes before
     * it closes), so the feed calls it outside its lock, and never from a send's completion: that runs on the
     * transport's thread, under the transport's own lock, which the flush needs.
     */
    void closeSink() {
        markEnded();
        try {
            sink.close();
        } catch (RuntimeException e) {
            // already gone
        }
    }

    private void send(OutboundSseEvent event, Instant now) {
        if (state.get() == ENDED) {
            return;
        }
        lastSentAt = now;
        try {
            // on failure only a flag changes: this may run on the transport's thread, holding its lock
            sink.send(event).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    markEnded(); // the browser went away; the transport closed its side
                }
            });
        } catch (RuntimeException e) {
            markEnded(); // the browser went away
        }
    }

    /** Never blocks and takes no lock, so it is safe from any thread. */
    private void markEnded() {
        if (state.getAndSet(ENDED) == HELD) {
            AppMetrics.liveStreams(-1);
        }
    }
}
