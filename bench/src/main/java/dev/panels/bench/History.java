package dev.panels.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One line per full run in docs/benchmarks/history.json (kept in the repository), so docs/BENCHMARKS.md shows each
 * optimisation's before and after, with the commit that was measured.
 */
final class History {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private History() {
    }

    static Path file(Path repo) {
        return repo.resolve("docs/benchmarks/history.json");
    }

    static ArrayNode read(Path repo) throws IOException {
        Path file = file(repo);
        return Files.isRegularFile(file) ? (ArrayNode) JSON.readTree(file.toFile()) : JSON.createArrayNode();
    }

    /** Appends this run's headline figures; a run that did not measure a figure leaves it out. */
    static void append(Path repo, Report report) throws IOException {
        ArrayNode history = read(repo);
        ObjectNode run = history.addObject();
        run.put("date", LocalDate.now().toString());
        run.put("commit", commit(repo));
        run.put("server", report.options().server());
        Markdown.worstWorklistRatio(report).ifPresent(v -> run.put("worklistP95Ratio", Report.round(v)));
        Markdown.signInRatio(report).ifPresent(v -> run.put("stytchVsPasswordSignIns", Report.round(v)));
        report.result("GET /api/panels", 8).ifPresent(r -> run.put("panelsPerSecondAt8", Report.round(r.throughput())));
        report.result("worklist page of 50", 8).ifPresent(r -> {
            run.put("worklistPerSecondAt8", Report.round(r.throughput()));
            run.put("worklistP99MsAt8", Report.round(r.p99()));
        });
        Markdown.authRatioAt8(report).ifPresent(v -> run.put("mpJwtVsOpenAt8", Math.round(v * 100) / 100.0));
        put(run, "revocationMsMax", report.facts().get("revocationRefusedAfterMsMax"));
        put(run, "keycloakMiBPer10kSessionsWith", report.facts().get("keycloakHeapMiBPer10kSessionsWith"));
        put(run, "keycloakMiBPer10kSessionsWithout", report.facts().get("keycloakHeapMiBPer10kSessionsWithout"));
        put(run, "appHeapMiBAfterLoad", report.facts().get("appHeapAfterGcMiBAfterLoad"));
        put(run, "concurrencyPatients", report.facts().get("concurrencyPatients"));
        report.result(Live.MANY_STREAMS, Live.STREAMS).ifPresent(r -> run.put("liveP95MsAt500Streams", Report.round(r.p95())));
        JSON.writeValue(file(repo).toFile(), history);
    }

    private static void put(ObjectNode run, String field, Double value) {
        if (value != null && !value.isNaN()) {
            run.put(field, Report.round(value));
        }
    }

    /** The latest run on {@code server} that measured {@code field}. */
    static Optional<JsonNode> latest(ArrayNode history, String server, String field) {
        JsonNode found = null;
        for (JsonNode run : history) {
            if (run.path("server").asText().equals(server) && run.has(field)) {
                found = run;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The measured commit, marked when the working tree had changes on top of it (outside docs/, which the run writes). */
    private static String commit(Path repo) {
        try {
            String head = git(repo, "rev-parse", "--short", "HEAD");
            return git(repo, "status", "--porcelain", "--untracked-files=no", "--", ".", ":!docs").isEmpty() ? head : head + "+changes";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String git(Path repo, String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process git = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(git.getInputStream().readAllBytes()).trim();
            if (!git.waitFor(10, TimeUnit.SECONDS) || git.exitValue() != 0) {
                throw new IOException("git " + String.join(" ", args) + ": " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static String text(JsonNode run, String field, String suffix) {
        return run.has(field) ? Report.f(run.get(field).asDouble()) + suffix : "—";
    }
}
