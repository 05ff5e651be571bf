package dev.panels.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.panels.local.StackSettings;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Live worklists: write-to-screen latency, and what open streams cost one app node. A write is a Task's owner changed
 * in Medplum with the clinician's Medplum token; it is on screen when a client that does what the page does
 * ({@code live.js}: hear the change on its stream, reload the rows) holds rows showing the new owner. Measured with
 * one open stream and again with {@link #STREAMS} open (every one must hear every change); the app server's live heap
 * and threads are read with no stream open and with all of them open.
 */
final class Live {

    static final int STREAMS = 500;
    static final String ONE_STREAM = "live write to screen, 1 open stream";
    static final String MANY_STREAMS = "live write to screen, " + STREAMS + " open streams";
    static final String FAN_OUT = "live change heard by all " + STREAMS + " streams";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Live() {
    }

    static void measure(Report report, StackSettings settings, ProcessHandle app, Clinician clinician, String panel, int writes)
            throws Exception {
        String rows = settings.appUrl() + "/api/panels/" + panel + "/rows?type=task&page=0&size=25";
        JsonNode page = get(rows, clinician.accessToken());
        String task = page.path("rows").path(0).path("id").asText();
        JsonNode practitioners = get(settings.medplumUrl() + "/fhir/R4/Practitioner?_count=2", clinician.medplumToken());
        List<String> owners = List.of("Practitioner/" + practitioners.path("entry").path(0).path("resource").path("id").asText(),
                "Practitioner/" + practitioners.path("entry").path(1).path("resource").path("id").asText());
        report.fact("liveHeapMiBNoStreams", Heap.usedAfterGcMiB(app));
        report.fact("liveThreadsNoStreams", threads(app));

        List<Stream> streams = new ArrayList<>();
        try {
            streams.add(Stream.open(settings.appUrl(), clinician.accessToken()));
            streams.get(0).ready.await(30, TimeUnit.SECONDS);
            report.add(writes(ONE_STREAM, settings, clinician, rows, task, owners, streams, writes, null));
            for (int i = 1; i < STREAMS; i++) {
                streams.add(Stream.open(settings.appUrl(), clinician.accessToken()));
            }
            for (Stream stream : streams) {
                if (!stream.ready.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("a live stream did not open: " + stream.failure);
                }
            }
            report.fact("liveHeapMiBStreams", Heap.usedAfterGcMiB(app));
            report.fact("liveThreadsStreams", threads(app));
            report.fact("liveStreams", streams.size());
            Histogram fanOut = new Histogram(3);
            Load.Result many = writes(MANY_STREAMS, settings, clinician, rows, task, owners, streams, writes, fanOut);
            report.add(many);
            // its misses are counted in the result above
            report.add(Load.Result.of(FAN_OUT, STREAMS, writes, many.seconds(), 0, fanOut));
        } finally {
            streams.forEach(Stream::close);
        }
    }

    /** {@code count} writes, one after another; the result's errors count changes some stream never heard. */
    private static Load.Result writes(String name, StackSettings settings, Clinician clinician, String rows, String task,
                                      List<String> owners, List<Stream> streams, int count, Histogram fanOut) throws Exception {
        Histogram latency = new Histogram(3);
        int errors = 0;
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String owner = owners.get(i % 2);
            long t0 = System.nanoTime();
            setOwner(settings, clinician, task, owner);
            long heard = streams.get(0).awaitChange(task, t0, Duration.ofSeconds(10));
            if (heard < 0) {
                errors++;
                continue;
            }
            // what the page does next: reload its rows, which now show the new owner
            boolean shown = false;
            for (int attempt = 0; attempt < 20 && !shown; attempt++) {
                JsonNode page = get(rows, clinician.accessToken());
                for (JsonNode row : page.path("rows")) {
                    shown |= row.path("id").asText().equals(task) && row.path("assignedTo").path("reference").asText().equals(owner);
                }
            }
            long onScreen = System.nanoTime();
            if (!shown) {
                errors++;
                continue;
            }
            latency.recordValue(Math.max(1, (onScreen - t0) / 1000));
            if (fanOut != null) {
                long last = 0;
                for (Stream stream : streams) {
                    long at = stream.awaitChange(task, t0, Duration.ofSeconds(10));
                    if (at < 0) {
                        errors++;
                    }
                    last = Math.max(last, at);
                }
                fanOut.recordValue(Math.max(1, (last - t0) / 1000));
            }
            streams.forEach(s -> s.forget(task));
        }
        return Load.Result.of(name, streams.size(), count, (System.nanoTime() - started) / 1e9, errors, latency);
    }

    /** Changes the Task's owner in Medplum. */
    private static void setOwner(StackSettings settings, Clinician clinician, String task, String owner) throws Exception {
        String url = settings.medplumUrl() + "/fhir/R4/Task/" + task;
        ObjectNode resource = (ObjectNode) get(url, clinician.medplumToken());
        resource.putObject("owner").put("reference", owner);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + clinician.medplumToken())
                .header("Content-Type", "application/fhir+json").PUT(HttpRequest.BodyPublishers.ofString(resource.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Medplum refused the Task update: " + response.statusCode() + " " + response.body());
        }
    }

    private static JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return Clinician.JSON.readTree(response.body());
    }

    private static double threads(ProcessHandle app) throws Exception {
        return Jcmd.run(app, "Thread.print").lines().filter(l -> l.startsWith("\"")).count();
    }

    /** One open {@code /api/live} stream, read without a thread of its own (a line subscriber). */
    private static final class Stream implements Flow.Subscriber<String> {

        final CountDownLatch ready = new CountDownLatch(1);
        /** Task id → when this stream first heard a change of it after the write began (nanoTime). */
        private final Map<String, Long> heard = new ConcurrentHashMap<>();
        private volatile Flow.Subscription subscription;
        private volatile String event = "";
        private volatile Object failure;
        private CompletableFuture<HttpResponse<Void>> response;

        static Stream open(String appUrl, String token) {
            Stream stream = new Stream();
            stream.response = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(appUrl + "/api/live"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(stream));
            stream.response.whenComplete((r, e) -> stream.failure = e != null ? e : r.statusCode());
            return stream;
        }

        long awaitChange(String task, long since, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                Long at = heard.get(task);
                if (at != null && at >= since) {
                    return at;
                }
                Thread.sleep(1);
            }
            return -1;
        }

        void forget(String task) {
            heard.remove(task);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            long now = System.nanoTime();
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:") && event.equals("change")) {
                String data = line.substring(5);
                int at = data.indexOf("\"id\":\"");
                if (at >= 0) {
                    heard.putIfAbsent(data.substring(at + 6, data.indexOf('"', at + 6)), now);
                }
            } else if (line.startsWith("data:") && event.equals("ready")) {
                ready.countDown();
            }
        }

        @Override
        public void onError(Throwable t) {
            failure = t;
        }

        @Override
        public void onComplete() {
            // the server ended it
        }

        void close() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }
}
