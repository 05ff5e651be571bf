package dev.panels.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The run's results as bench/target/report.json, PNG charts in docs/benchmarks/, and the tables of docs/BENCHMARKS.md. */
final class Report {

    /** Result names of the worklist comparison: the prefix, then the dataset, then ")". */
    static final String RAW_SEARCH = "raw FHIR search (";
    static final String WORKLIST_PAGE = "worklist page (";

    /** One dataset of the worklist comparison: the raw search and the worklist page measured beside it. */
    record WorklistPair(String dataset, Load.Result raw, Load.Result page) {

        double p95Ratio() {
            return page.p95() / raw.p95();
        }
    }

    private final Options options;
    private final Machine machine;
    private final List<Load.Result> results = new ArrayList<>();
    private Map<String, Double> keycloakMetrics = Map.of();
    private final Map<String, Double> facts = new LinkedHashMap<>();
    private Profile.Summary profile;
    private Profile.Summary keycloakProfile;
    private com.fasterxml.jackson.databind.node.ArrayNode history;

    private Instant at = Instant.now();

    Report(Options options, Machine machine) {
        this.options = options;
        this.machine = machine;
    }

    Instant at() {
        return at;
    }

    void add(List<Load.Result> more) {
        results.addAll(more);
    }

    void add(Load.Result result) {
        results.add(result);
    }

    void profile(Profile.Summary summary) {
        profile = summary;
    }

    Profile.Summary profile() {
        return profile;
    }

    /** Keycloak's JFR recording during the sign-in comparison ({@code --jfr}). */
    void keycloakProfile(Profile.Summary summary) {
        keycloakProfile = summary;
    }

    Profile.Summary keycloakProfile() {
        return keycloakProfile;
    }

    /** A counted figure of the run that is not a latency (e.g. Medplum token requests during the refresh loop). */
    void fact(String name, double value) {
        facts.put(name, value);
    }

    Map<String, Double> facts() {
        return facts;
    }

    void keycloakMetrics(Map<String, Double> metrics) {
        keycloakMetrics = metrics;
    }

    /**
     * Draws the charts and docs/BENCHMARKS.md again from the last report.json (after a change to how they are drawn;
     * nothing is measured and the history gains no line).
     */
    static void redraw(Path repo) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode json = mapper.readTree(repo.resolve("bench/target/report.json").toFile());
        List<Integer> clientLevels = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode row : json.path("results")) {
            if (row.path("name").asText().equals("GET /api/panels")) {
                clientLevels.add(row.path("clients").asInt());
            }
        }
        Report report = new Report(new Options(json.path("server").asText(), List.of(), List.of(), clientLevels, 0, 0, false, false),
                mapper.treeToValue(json.path("machine"), Machine.class));
        report.at = Instant.parse(json.path("at").asText());
        for (com.fasterxml.jackson.databind.JsonNode row : json.path("results")) {
            report.add(new Load.Result(row.path("name").asText(), row.path("clients").asInt(), row.path("requests").asInt(),
                    row.path("seconds").asDouble(), row.path("throughputPerSecond").asDouble(), row.path("p50Ms").asDouble(),
                    row.path("p95Ms").asDouble(), row.path("p99Ms").asDouble(), row.path("errors").asInt(), null));
        }
        json.path("facts").fields().forEachRemaining(e -> report.fact(e.getKey(), e.getValue().asDouble()));
        Map<String, Double> events = new LinkedHashMap<>();
        json.path("keycloakUserEvents").fields().forEachRemaining(e ->
                events.put("keycloak_user_events_total" + e.getKey(), e.getValue().asDouble()));
        report.keycloakMetrics(events);
        if (json.has("appServerProfile")) {
            report.profile(mapper.treeToValue(json.path("appServerProfile"), Profile.Summary.class));
        }
        if (json.has("keycloakSignInProfile")) {
            report.keycloakProfile(mapper.treeToValue(json.path("keycloakSignInProfile"), Profile.Summary.class));
        }
        Path charts = repo.resolve("docs/benchmarks");
        report.worklistChart(charts.resolve("worklist-vs-fhir-" + report.options.server() + ".png"));
        report.concurrencyChart(charts.resolve("concurrency-" + report.options.server() + ".png"));
        report.history = History.read(repo);
        Files.writeString(repo.resolve("docs/BENCHMARKS.md"), Markdown.of(report));
    }

    void write(Path repo) throws Exception {
        Path charts = Files.createDirectories(repo.resolve("docs/benchmarks"));
        Files.createDirectories(repo.resolve("bench/target"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", at.toString());
        json.put("server", options.server());
        json.put("machine", machine);
        json.put("results", results.stream().map(Report::row).toList());
        json.put("facts", facts);
        json.put("keycloakUserEvents", userEvents());
        if (profile != null) {
            json.put("appServerProfile", profile);
        }
        if (keycloakProfile != null) {
            json.put("keycloakSignInProfile", keycloakProfile);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(repo.resolve("bench/target/report.json").toFile(), json);
        worklistChart(charts.resolve("worklist-vs-fhir-" + options.server() + ".png"));
        concurrencyChart(charts.resolve("concurrency-" + options.server() + ".png"));
        if (!options.quick()) {
            History.append(repo, this);
        }
        history = History.read(repo);
        Files.writeString(repo.resolve("docs/BENCHMARKS.md"), Markdown.of(this));
        System.out.println("Wrote bench/target/report.json, docs/benchmarks/*.png and docs/BENCHMARKS.md");
    }

    private static Map<String, Object> row(Load.Result r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", r.name());
        row.put("clients", r.clients());
        row.put("requests", r.requests());
        row.put("seconds", round(r.seconds()));
        row.put("throughputPerSecond", round(r.throughput()));
        row.put("p50Ms", round(r.p50()));
        row.put("p95Ms", round(r.p95()));
        row.put("p99Ms", round(r.p99()));
        row.put("errors", r.errors());
        return row;
    }

    /** Keycloak's own counters of the run (user-event metrics): logins, code exchanges and refreshes it saw. */
    Map<String, Double> userEvents() {
        Map<String, Double> events = new LinkedHashMap<>();
        keycloakMetrics.forEach((name, value) -> {
            if (name.startsWith("keycloak_user_events_total") && name.contains("realm=\"panels\"")) {
                events.put(name.substring(name.indexOf('{')), value);
            }
        });
        return events;
    }

    private void worklistChart(Path file) throws Exception {
        List<String> datasets = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> page = new ArrayList<>();
        for (WorklistPair pair : worklistPairs()) {
            datasets.add(pair.dataset().replace("000 patients, ", "k patients, ").replace(" columns", " cols"));
            raw.add(pair.raw().p95());
            page.add(pair.page().p95());
        }
        if (datasets.isEmpty()) {
            return;
        }
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450)
                .title("Worklist page of 50 vs the FHIR search it issues, p95 (" + options.server() + ")")
                .xAxisTitle("dataset").yAxisTitle("p95 latency (ms)").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.addSeries("raw FHIR search at the Medplum stand-in", datasets, raw);
        chart.addSeries("worklist page through the app", datasets, page);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private void concurrencyChart(Path file) throws Exception {
        XYChart chart = new XYChartBuilder().width(900).height(450)
                .title("Throughput by concurrent clients (" + options.server() + ")")
                .xAxisTitle("concurrent clients").yAxisTitle("requests/s").build();
        for (String name : List.of("GET /api/panels", "worklist page of 50")) {
            List<Integer> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            results.stream().filter(r -> r.name().equals(name)).forEach(r -> {
                x.add(r.clients());
                y.add(r.throughput());
            });
            if (!x.isEmpty()) {
                chart.addSeries(name, x, y);
            }
        }
        if (!chart.getSeriesMap().isEmpty()) {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }

    com.fasterxml.jackson.databind.node.ArrayNode history() {
        return history;
    }

    Options options() {
        return options;
    }

    Machine machine() {
        return machine;
    }

    List<Load.Result> results() {
        return results;
    }

    /** The worklist comparison's datasets, in the order measured (each raw search is followed by its page). */
    List<WorklistPair> worklistPairs() {
        List<WorklistPair> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < results.size(); i++) {
            Load.Result raw = results.get(i);
            Load.Result page = results.get(i + 1);
            if (raw.name().startsWith(RAW_SEARCH) && page.name().startsWith(WORKLIST_PAGE)) {
                pairs.add(new WorklistPair(raw.name().substring(RAW_SEARCH.length(), raw.name().length() - 1), raw, page));
            }
        }
        return pairs;
    }

    /** The loop called {@code name} at {@code clients} concurrent clients, if the run measured it. */
    Optional<Load.Result> result(String name, int clients) {
        return results.stream().filter(r -> r.name().equals(name) && r.clients() == clients).findFirst();
    }

    static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    static String f(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
