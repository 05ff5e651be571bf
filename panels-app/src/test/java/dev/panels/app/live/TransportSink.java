package dev.panels.app.live;

import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An SSE sink that behaves as RESTEasy's (WildFly's and Liberty's) does where it matters for locking: a send is
 * written later by the transport's own thread, which completes the send's future on that thread, and {@code close()}
 * first waits for everything sent to be flushed (RESTEasy's {@code SseEventOutputImpl.close} waits on
 * {@code asyncFlush().get()}), unless an I/O failure closed it already. A browser that stopped reading lets no write
 * finish until {@link #unblock()}; a browser whose connection drops as the server closes its stream fails the writes
 * that were still queued when {@code close()} began.
 */
final class TransportSink implements SseEventSink {

    enum Browser { READING, NOT_READING, GONE_AT_CLOSE }

    final List<String> written = new CopyOnWriteArrayList<>();
    private final ExecutorService transport = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "sse-transport");
        thread.setDaemon(true);
        return thread;
    });
    private final Browser browser;
    private final CountDownLatch reading = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;

    TransportSink(Browser browser) {
        this.browser = browser;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
        if (closed) {
            throw new IllegalStateException("closed"); // as RESTEasy: a send on a closed sink throws
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        transport.execute(() -> {
            awaitReader();
            if (browser == Browser.GONE_AT_CLOSE) {
                closed = true; // as RESTEasy: an I/O failure closes the sink
                done.completeExceptionally(new java.io.IOException("Broken pipe"));
            } else {
                written.add(event.getName());
                done.complete(null);
            }
        });
        return done;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing.countDown();
        try {
            transport.submit(() -> { }).get(); // the flush: after every earlier write
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        written.add("closed");
    }

    /** The browser that stopped reading drains its socket again. */
    void unblock() {
        reading.countDown();
    }

    private void awaitReader() {
        if (browser != Browser.READING) {
            try {
                (browser == Browser.NOT_READING ? reading : closing).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The {@link Sse} the resource would be given, building plain events. */
    static final Sse SSE = new Sse() {
        @Override
        public OutboundSseEvent.Builder newEventBuilder() {
            return new EventBuilder();
        }

        @Override
        public SseBroadcaster newBroadcaster() {
            throw new UnsupportedOperationException();
        }
    };

    private static final class EventBuilder implements OutboundSseEvent.Builder {
        private String id;
        private String name;
        private Object data;

        @Override public OutboundSseEvent.Builder id(String id) { this.id = id; return this; }
        @Override public OutboundSseEvent.Builder name(String name) { this.name = name; return this; }
        @Override public OutboundSseEvent.Builder reconnectDelay(long milliseconds) { return this; }
        @Override public OutboundSseEvent.Builder mediaType(MediaType mediaType) { return this; }
        @Override public OutboundSseEvent.Builder comment(String comment) { return this; }
        @Override public OutboundSseEvent.Builder data(Class type, Object data) { this.data = data; return this; }
        @Override public OutboundSseEvent.Builder data(GenericType type, Object data) { this.data = data; return this; }
        @Override public OutboundSseEvent.Builder data(Object data) { this.data = data; return this; }

        @Override
        public OutboundSseEvent build() {
            String id = this.id, name = this.name;
            Object data = this.data;
            return new OutboundSseEvent() {
                @Override public Class<?> getType() { return String.class; }
                @Override public Type getGenericType() { return String.class; }
                @Override public MediaType getMediaType() { return MediaType.TEXT_PLAIN_TYPE; }
                @Override public Object getData() { return data; }
                @Override public String getId() { return id; }
                @Override public String getName() { return name; }
                @Override public String getComment() { return null; }
                @Override public long getReconnectDelay() { return -1; }
                @Override public boolean isReconnectDelaySet() { return false; }
            };
        }
    }
}
