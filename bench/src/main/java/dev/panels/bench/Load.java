package dev.panels.bench;

import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded request loops on loopback: {@code clients} threads each send {@code requests / clients} GETs, one after the
 * other, after a warm-up. Latency goes into an HdrHistogram; anything but the expected status is an error.
 */
final class Load {

    /** One measured loop; the histogram (microseconds) stays in memory so two halves of a comparison can merge. */
    record Result(String name, int clients, int requests, double seconds, double throughput, double p50, double p95,
                  double p99, int errors, Histogram histogram) {

        static Result of(String name, int clients, int requests, double seconds, int errors, Histogram h) {
            return new Result(name, clients, requests, seconds, requests / seconds, ms(h, 50), ms(h, 95), ms(h, 99), errors, h);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Load() {
    }

    static Result run(String name, String url, String bearer, int clients, int requests, int warmup) throws Exception {
        for (int i = 0; i < warmup; i++) {
            send(url, bearer);
        }
        Recorder recorder = new Recorder(3);
        AtomicInteger errors = new AtomicInteger();
        int each = Math.max(1, requests / clients);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = send(url, bearer);
                        } catch (Exception e) {
                            status = -1;
                        }
                        recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram h = recorder.getIntervalHistogram();
        int total = each * clients;
        return Result.of(name, clients, total, seconds, errors.get(), h);
    }

    /** One side of a comparison: what the loop is called, the URL it GETs, and the bearer token it sends (or none). */
    record Target(String name, String url, String bearer) {
    }

    /**
     * Two loops side by side: alternating rounds (the warm-up in the first), so drift hits both alike; each side's
     * rounds merged into one result, {@code a}'s first.
     */
    static List<Result> sideBySide(Target a, Target b, int clients, int requests, int warmup) throws Exception {
        List<Result> rounds = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            int warm = round == 0 ? warmup : 0;
            rounds.add(run(a.name(), a.url(), a.bearer(), clients, requests / 2, warm));
            rounds.add(run(b.name(), b.url(), b.bearer(), clients, requests / 2, warm));
        }
        return List.of(merge(rounds.get(0), rounds.get(2)), merge(rounds.get(1), rounds.get(3)));
    }

    /** Two halves of one comparison, measured in alternating rounds, as one result. */
    private static Result merge(Result a, Result b) {
        Histogram all = a.histogram().copy();
        all.add(b.histogram());
        return Result.of(a.name(), a.clients(), a.requests() + b.requests(), a.seconds() + b.seconds(),
                a.errors() + b.errors(), all);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    static int send(String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
