package dev.panels.app.it;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code GET /api/live} read as a browser's fetch reads it: the bearer token in a header, the body a stream of
 * Server-Sent Events parsed by the spec's rules (field lines, a blank line ends an event), queued for the test.
 */
final class LiveStreamClient implements AutoCloseable {

    record Event(String id, String name, String data) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;

    private LiveStreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "live-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream; a refused one still answers (status and problem in {@link #refusal()}). */
    static LiveStreamClient open(URL base, String token, String lastEventId) {
        URI uri = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/").resolve("api/live");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new LiveStreamClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new IllegalStateException("GET api/live failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of a refused stream (a problem document). */
    String refusal() throws InterruptedException {
        StringBuilder body = new StringBuilder();
        for (Event event = events.poll(10, TimeUnit.SECONDS); event != null && !event.name().equals("closed");
             event = events.poll(10, TimeUnit.SECONDS)) {
            body.append(event.data());
        }
        return body.toString();
    }

    /** The next event that matches, skipping others (pings, other changes); fails after the wait. */
    Event next(Predicate<Event> wanted, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no matching event within " + wait);
            }
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    /** Every event received until the wait is over, for asserting that something did NOT arrive. */
    java.util.List<Event> drain(Duration wait) throws InterruptedException {
        java.util.List<Event> all = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        Event event;
        while ((event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
            all.add(event);
        }
        return all;
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (response.statusCode() != 200) {
                    events.add(new Event(null, "refusal", line));
                } else if (line.isEmpty()) {
                    if (name != null || data.length() > 0) {
                        events.add(new Event(id, name == null ? "message" : name, data.toString()));
                    }
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).strip());
                }
            }
        } catch (RuntimeException e) {
            // closed by the test or the server
        }
        events.add(new Event(null, "closed", ""));
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (RuntimeException e) {
            // already closed
        }
    }
}
