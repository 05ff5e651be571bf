package dev.panels.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.panels.local.LocalStack;
import dev.panels.local.StackKeys;
import dev.panels.local.StackSettings;
import dev.panels.testsupport.KeycloakAdmin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ./run-bench [--server=liberty|wildfly] [--patients=2000,20000] [--jfr] [--quick] (or --redraw: the charts and BENCHMARKS.md again
 * from the last report.json): starts a local stack of its own (ports
 * 18610-18650, state in bench/target/), measures each comparison side by side in the same run, and writes
 * bench/target/report.json, the charts and docs/BENCHMARKS.md.
 */
public final class Bench {

    static final String CLINICIAN = "sam.builder@riverside.example";
    private static final String[] EXPRESSIONS = {"Patient.name.first().family", "Patient.name.first().given.first()",
            "Patient.birthDate", "Patient.gender", "Patient.identifier.first().value", "Patient.active",
            "Patient.address.first().city", "Patient.address.first().state", "Patient.telecom.first().value",
            "Patient.name.first().given.count()", "Patient.identifier.count()", "Patient.meta.lastUpdated",
            "Patient.id", "Patient.name.first().use", "Patient.address.count()", "Patient.telecom.count()",
            "Patient.gender = 'female'", "Patient.birthDate.exists()", "Patient.name.exists()", "Patient.active.not()"};

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(".").toAbsolutePath().normalize();
        if (args.length == 1 && args[0].equals("--redraw")) {
            Report.redraw(repo);
            return;
        }
        Options options = Options.parse(args);
        Map<String, String> env = new HashMap<>(Map.of(
                "PANELS_KEYCLOAK_PORT", "18610", "PANELS_KEYCLOAK_MANAGEMENT_PORT", "18611",
                "STYTCH_EMULATOR_PORT", "18620", "MEDPLUM_EMULATOR_PORT", "18630",
                "PANELS_HTTP_PORT", "18640", "PANELS_POSTGRES_PORT", "18650",
                "STYTCH_RATE_LIMIT_PER_IP", "1000", "STYTCH_RATE_LIMIT_PER_EMAIL", "1000",
                "MEDPLUM_EMULATOR_PATIENTS", Integer.toString(options.patients().get(0)),
                // the realm caps sessions per user (3 by default, oldest ended first); the heap comparison keeps
                // hundreds of one person's sessions open, which the cap would quietly end
                "PANELS_MAX_SESSIONS_PER_USER", "100000"));
        // the live benchmark holds 500 streams of one clinician (the app allows 20 per person by default)
        env.put("PANELS_LIVE_MAX_STREAMS_PER_PERSON", Integer.toString(Live.STREAMS));
        Path recording = repo.resolve("bench/target/app-server-" + options.server() + ".jfr");
        if (options.jfr()) {
            Files.deleteIfExists(recording);
            // Liberty's server script takes JVM_ARGS; WildFly's takes JAVA_OPTS, which replaces its defaults (kept here)
            env.put(options.server().equals("liberty") ? "JVM_ARGS" : "JAVA_OPTS", (options.server().equals("liberty") ? ""
                    : "-Xms64m -Xmx512m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m -Djava.net.preferIPv4Stack=true "
                    + "-Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true ") + Profile.recordingOption(recording));
        }
        // the shipping WAR plus the probe resource of the MP-JWT comparison (AuthOverhead)
        Path runtime = repo.resolve("local-stack/target/runtime");
        env.put("PANELS_APP_WAR", AuthOverhead.warWithProbe(StackSettings.builtWar(runtime),
                repo.resolve("bench/target/panels-with-probe.war")).toString());
        StackSettings settings = StackSettings.parse(new String[] {"--fresh", "--server=" + options.server()}, env,
                runtime, repo.resolve("bench/target/stack-" + options.server()), repo);
        Report report = new Report(options, Machine.describe());
        try (LocalStack stack = LocalStack.start(settings)) {
            // the keys the stack generated (or was given): the bench opens the sealed Medplum token as the app does
            String keys = StackKeys.load(settings).get(StackKeys.MEDPLUM_TOKEN_KEYS);
            worklistDatasets(report, stack, keys, options);
            appUnderLoad(report, stack, keys, options);
            liveWorklists(report, stack, keys, options);
            keycloakComparisons(report, stack, options, repo);
            report.keycloakMetrics(Metrics.scrape(URI.create("http://127.0.0.1:" + settings.keycloakManagementPort() + "/metrics")));
        }
        if (options.jfr()) {
            report.profile(Profile.summarise(recording, 12));
        }
        report.write(repo);
    }

    /** The worklist page against the raw FHIR search, for each dataset size and column count. */
    private static void worklistDatasets(Report report, LocalStack stack, String keys, Options options) throws Exception {
        StackSettings settings = stack.settings();
        boolean first = true;
        for (int patients : options.patients()) {
            if (!first) {
                stack.stop(LocalStack.Part.MEDPLUM);
                stack.medplumPatients(patients);
                stack.start(LocalStack.Part.MEDPLUM);
            }
            first = false;
            // a new sign-in for each dataset: the stand-in restarted, so Medplum tokens from before are gone
            Clinician clinician = Clinician.signIn(settings.appUrl(), settings.stytchUrl(), CLINICIAN, keys);
            if (clinician.medplumToken() == null) {
                throw new IllegalStateException("the sign-in carries no Medplum token; see Keycloak's events");
            }
            for (int columns : options.columns()) {
                String panel = createPanel(settings.appUrl(), clinician.accessToken(), columns);
                report.add(worklistVersusFhir(settings, clinician, panel, patients, columns, options));
            }
        }
    }

    /** The concurrency sweep and the MP-JWT comparison, with the app server's live heap before, between and after. */
    private static void appUnderLoad(Report report, LocalStack stack, String keys, Options options) throws Exception {
        StackSettings settings = stack.settings();
        Clinician clinician = Clinician.signIn(settings.appUrl(), settings.stytchUrl(), CLINICIAN, keys);
        String panel = createPanel(settings.appUrl(), clinician.accessToken(), 5);
        report.fact("concurrencyPatients", options.patients().get(options.patients().size() - 1));
        ProcessHandle app = stack.jvm(LocalStack.Part.APP).orElseThrow();
        report.fact("appHeapAfterGcMiBBeforeLoad", Heap.usedAfterGcMiB(app));
        for (int clients : options.clientLevels()) {
            report.add(Load.run("GET /api/panels", settings.appUrl() + "/api/panels", clinician.accessToken(),
                    clients, options.requests(clients), 20));
            report.add(Load.run("worklist page of 50", worklistUrl(settings, panel), clinician.accessToken(),
                    clients, options.requests(clients), 5));
        }
        report.fact("appHeapAfterGcMiBAfterLoad", Heap.usedAfterGcMiB(app));
        // a new sign-in: the sweep above can outlast the first access token (5 minutes)
        AuthOverhead.Outcome auth = AuthOverhead.compare(settings,
                Clinician.signIn(settings.appUrl(), settings.stytchUrl(), CLINICIAN, keys), keys, options.authRequests());
        report.add(auth.results());
        report.fact("revocationRefusedAfterMsMax", auth.maxRefusedAfterMs());
        report.fact("revocationRefusedAfterKeycloakAnsweredMsMax", auth.maxAfterKeycloakAnsweredMs());
        report.fact("revocationsMeasured", auth.revocations().size());
        report.fact("appHeapAfterGcMiBAfterAuthLoad", Heap.usedAfterGcMiB(app));
    }

    /** Write-to-screen latency with one and with {@link Live#STREAMS} open streams, and what the streams cost the node. */
    private static void liveWorklists(Report report, LocalStack stack, String keys, Options options) throws Exception {
        StackSettings settings = stack.settings();
        // a new sign-in: every stream ends when the access token that opened it expires (5 minutes)
        Clinician clinician = Clinician.signIn(settings.appUrl(), settings.stytchUrl(), CLINICIAN, keys);
        Live.measure(report, settings, stack.jvm(LocalStack.Part.APP).orElseThrow(), clinician,
                createPanel(settings.appUrl(), clinician.accessToken(), 0), options.quick() ? 5 : 40);
    }

    /** Sign-ins (Keycloak profiled with --jfr), refresh grants, and Keycloak's heap per session. */
    private static void keycloakComparisons(Report report, LocalStack stack, Options options, Path repo) throws Exception {
        StackSettings settings = stack.settings();
        ProcessHandle keycloak = stack.jvm(LocalStack.Part.KEYCLOAK).orElseThrow();
        Path recording = repo.resolve("bench/target/keycloak-sign-ins.jfr");
        if (options.jfr()) {
            Jcmd.startRecording(keycloak, "sign-ins");
        }
        report.add(SignIns.compare(settings, options.signIns()));
        if (options.jfr()) {
            Jcmd.stopRecording(keycloak, "sign-ins", recording);
            report.keycloakProfile(Profile.summarise(recording, 12));
        }
        Refreshes.Outcome refreshes = Refreshes.compare(settings, options.refreshes());
        report.add(refreshes.results());
        report.fact("medplumTokenRequestsDuringRefreshes", refreshes.medplumTokenRequests());
        SessionHeap.Outcome heap = SessionHeap.measure(settings, keycloak, options.heapSessions());
        report.fact("heapSessionsPerKind", heap.sessions());
        report.fact("keycloakHeapMiBPer10kSessionsWithout", heap.withoutPer10k());
        report.fact("keycloakHeapMiBPer10kSessionsWith", heap.withPer10k());
        report.fact("keycloakHeapMiBPer10kSessionsNoise", heap.noisePer10k());
    }

    private static List<Load.Result> worklistVersusFhir(StackSettings settings, Clinician clinician, String panel,
                                                        int patients, int columns, Options options) throws Exception {
        String tag = patients + " patients, " + columns + " columns";
        String raw = settings.medplumUrl() + "/fhir/R4/Patient?_count=50&_offset=0&_revinclude=Task:patient";
        return Load.sideBySide(new Load.Target(Report.RAW_SEARCH + tag + ")", raw, clinician.medplumToken()),
                new Load.Target(Report.WORKLIST_PAGE + tag + ")", worklistUrl(settings, panel), clinician.accessToken()),
                1, options.requests(1), 10);
    }

    static String worklistUrl(StackSettings settings, String panel) {
        return settings.appUrl() + "/api/panels/" + panel + "/rows?type=patient&page=0&size=50";
    }

    private static String createPanel(String appUrl, String token, int columns) throws Exception {
        JsonNode panel = post(appUrl + "/api/panels", token, Map.of("name", "Bench " + columns + " columns " + System.nanoTime(),
                "dataSources", List.of("patient", "task"), "cohortRule", Map.of()));
        String id = panel.path("id").asText();
        for (int i = 0; i < columns; i++) {
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("key", "c" + i);
            column.put("label", "Column " + i);
            column.put("type", "text");
            column.put("rowType", "patient");
            column.put("expression", EXPRESSIONS[i % EXPRESSIONS.length]);
            post(appUrl + "/api/panels/" + id + "/columns", token, column);
        }
        return id;
    }

    private static JsonNode post(String url, String token, Object body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(KeycloakAdmin.JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return KeycloakAdmin.JSON.readTree(response.body());
    }
}
