package dev.panels.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.panels.emulator.medplum.MedplumEmulator;
import dev.panels.emulator.medplum.MedplumEmulatorConfig;
import dev.panels.emulator.stytch.StytchEmulator;
import dev.panels.emulator.stytch.StytchEmulatorConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * One command for the whole system on loopback: ./run-local [--server=liberty|wildfly] [--cluster] [--fresh].
 * Starts each part in dependency order, waits for its health check, prints where everything is, and stops
 * everything (in reverse order) on Ctrl-C. The outage tests stop and start single parts ({@link #stop}, {@link #start});
 * the cluster tests single nodes ({@link #stopNode}, {@link #startNode}).
 */
public final class LocalStack implements AutoCloseable {

    /** The parts, in start order; they stop in reverse. The balancer runs only in a cluster. */
    public enum Part { STYTCH, MEDPLUM, POSTGRES, BALANCER, KEYCLOAK, APP }

    private final StackSettings settings;
    private final TreeMap<Part, AutoCloseable> running = new TreeMap<>();
    private Map<String, String> keys;
    private volatile int medplumPatients;

    private LocalStack(StackSettings settings) {
        this.settings = settings;
        this.medplumPatients = settings.medplumPatients();
    }

    /** How many synthetic patients the Medplum stand-in seeds the next time it starts (the benchmark varies it). */
    public void medplumPatients(int patients) {
        this.medplumPatients = patients;
    }

    /** Starts every part and returns once all are healthy; on failure, stops what had started and rethrows. */
    public static LocalStack start(StackSettings settings) throws Exception {
        LocalStack stack = new LocalStack(settings);
        try {
            stack.startAll();
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    public StackSettings settings() {
        return settings;
    }

    public static void main(String[] args) throws Exception {
        Path runtime = Path.of(System.getProperty("panels.runtime.dir", "local-stack/target/runtime")).toAbsolutePath();
        // a cluster keeps Keycloak in PostgreSQL, not in the single server's development database: state of its own
        String defaultState = List.of(args).contains("--cluster") ? "local-stack/target/run-local-cluster" : "local-stack/target/run-local";
        Path state = Path.of(System.getProperty("panels.state.dir", defaultState)).toAbsolutePath();
        Path repo = Path.of(System.getProperty("panels.repo.dir", ".")).toAbsolutePath();
        StackSettings settings;
        try {
            settings = StackSettings.parse(args, System.getenv(), runtime, state, repo);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            stack.startAll();
            stack.printSummary();
        } catch (Exception e) {
            System.err.println();
            System.err.println("Start failed: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    private void startAll() throws Exception {
        if (settings.fresh()) {
            FreshStart.reset(settings).forEach(what -> System.out.println("--fresh: reset " + what));
        }
        Ports.requireFree(settings.listenPorts());
        Files.createDirectories(settings.stateDir());
        keys = StackKeys.load(settings);
        for (Part part : parts()) {
            start(part);
        }
    }

    /** The parts this stack runs, in start order: the balancer only in a cluster. */
    private List<Part> parts() {
        return java.util.Arrays.stream(Part.values()).filter(p -> p != Part.BALANCER || settings.cluster()).toList();
    }

    /** Starts one part (again) with the settings and keys of this stack; returns once it is healthy. */
    public synchronized void start(Part part) throws Exception {
        if (running.containsKey(part)) {
            throw new IllegalStateException(part + " is already running");
        }
        List<Part> parts = parts();
        if (!parts.contains(part)) {
            throw new IllegalStateException("the balancer runs only in a cluster (--cluster)");
        }
        step(parts.indexOf(part) + 1, parts.size(), title(part));
        switch (part) {
            case STYTCH -> {
                if (settings.externalStytch()) {
                    done("external, " + settings.stytchUrl());
                    return;
                }
                running.put(part, StytchEmulator.start(StytchEmulatorConfig.builder().host("127.0.0.1")
                        .port(settings.stytchPort())
                        .brokerEndpoint(settings.issuer() + "/broker/stytch-b2b/endpoint")
                        .snapshot(settings.stateDir().resolve("stytch-emulator-state.json")).build()));
                done("emulator at " + settings.stytchUrl());
            }
            case MEDPLUM -> {
                if (settings.externalMedplum()) {
                    done("external, " + settings.medplumUrl());
                    return;
                }
                running.put(part, MedplumEmulator.start(MedplumEmulatorConfig.builder().host("127.0.0.1")
                        .port(settings.medplumPort()).patients(medplumPatients)
                        .keycloakUserinfoUrl(settings.issuer() + "/protocol/openid-connect/userinfo")
                        // Keycloak is plain http on loopback here; a real Medplum needs the same (risky) setting, or TLS
                        .allowUnsafeOutbound(true).build()));
                int subscriptions = LiveSubscriptions.create(settings.medplumUrl(), settings.appUrl(),
                        keys.get(StackKeys.LIVE_HOOK_KEY), projectByOrganization());
                done("FHIR stand-in at " + settings.medplumUrl() + "/fhir/R4, " + subscriptions + " live-update Subscriptions to the app");
            }
            case POSTGRES -> {
                if (settings.externalDatabase()) {
                    done("external, " + settings.env().get("PANELS_DB_URL"));
                    return;
                }
                Path data = Files.createDirectories(settings.stateDir().resolve("postgres-data"));
                // never cleaned here: --fresh has already removed it (the library's clean flag only deletes on close)
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(settings.postgresPort())
                        .setDataDirectory(data).setCleanDataDirectory(false).start();
                running.put(part, postgres);
                if (settings.cluster()) {
                    createDatabase(postgres, KeycloakRuntime.CLUSTER_DATABASE);
                }
                done("embedded on port " + settings.postgresPort() + (settings.cluster() ? ", Keycloak's database too" : ""));
            }
            case BALANCER -> {
                running.put(part, LoadBalancer.start(settings));
                done("HAProxy, Keycloak at " + settings.keycloakUrl() + ", the app at " + settings.appUrl()
                        + ", node states at http://127.0.0.1:" + settings.balancerStatsPort() + "/stats");
            }
            case KEYCLOAK -> {
                NodeGroup nodes = new NodeGroup(settings.keycloakNodes().stream().map(KeycloakNode::name).toList(),
                        this::startKeycloak);
                running.put(part, nodes);
                nodes.startAll();
                done(settings.cluster() ? "nodes " + nodes + " (" + nodeUrls(settings.keycloakNodes().stream().map(KeycloakNode::url).toList()) + ")"
                        : settings.keycloakUrl());
            }
            case APP -> {
                NodeGroup nodes = new NodeGroup(settings.appNodes().stream().map(AppNode::name).toList(), this::startApp);
                running.put(part, nodes);
                nodes.startAll();
                done(settings.cluster() ? "nodes " + nodes + " (" + nodeUrls(settings.appNodes().stream().map(AppNode::url).toList()) + ")"
                        : settings.appUrl());
            }
        }
    }

    private ManagedProcess startKeycloak(String name) throws Exception {
        if (!settings.cluster()) {
            return KeycloakRuntime.start(settings, keys);
        }
        KeycloakNode node = settings.keycloakNodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
        return KeycloakRuntime.startClusterNode(settings, keys, node);
    }

    private ManagedProcess startApp(String name) throws Exception {
        AppNode node = settings.appNodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
        return AppServerRuntime.start(settings, node, appEnvironment(node));
    }

    private static String nodeUrls(List<String> urls) {
        return String.join(", ", urls);
    }

    /** Creates a database in the stack's PostgreSQL unless it exists (Keycloak's, in a cluster). */
    private static void createDatabase(EmbeddedPostgres postgres, String name) throws java.sql.SQLException {
        try (java.sql.Connection connection = postgres.getPostgresDatabase().getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            boolean exists;
            try (java.sql.ResultSet rows = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                exists = rows.next();
            }
            if (!exists) {
                statement.execute("create database " + name);
            }
        }
    }

    /** Stops one node of the Keycloak or app tier (as a crash of that server would, but politely) and leaves the rest. */
    public synchronized void stopNode(String node) {
        group(node).stop(node);
    }

    /** Starts a stopped node again with this stack's settings and keys; returns once it is ready. */
    public synchronized void startNode(String node) throws Exception {
        group(node).start(node);
    }

    private NodeGroup group(String node) {
        for (Part part : List.of(Part.KEYCLOAK, Part.APP)) {
            if (running.get(part) instanceof NodeGroup nodes && nodes.has(node)) {
                return nodes;
            }
        }
        throw new IllegalArgumentException("no node " + node + " in this stack");
    }

    /** The JVM of a running part that is a process of its own (Keycloak, the app server), e.g. for the benchmark's jcmd. */
    public synchronized Optional<ProcessHandle> jvm(Part part) {
        if (running.get(part) instanceof NodeGroup nodes) {
            return nodes.jvm();
        }
        return running.get(part) instanceof ManagedProcess process ? process.jvm() : Optional.empty();
    }

    /** Stops one part (as Ctrl-C would) and leaves the others running. */
    public synchronized void stop(Part part) throws Exception {
        AutoCloseable process = running.remove(part);
        if (process == null) {
            throw new IllegalStateException(part + " is not running (or is external)");
        }
        process.close();
    }

    /** The app's organization → Medplum project pairs, as it parses them (malformed pairs are the app's to report). */
    private Map<String, String> projectByOrganization() {
        Map<String, String> projects = new HashMap<>();
        for (String pair : AppEnvironment.medplumProjects(settings).split(",")) {
            String[] parts = pair.trim().split("=", 2);
            if (parts.length == 2) {
                projects.put(parts[0].trim(), parts[1].trim());
            }
        }
        return projects;
    }

    private Map<String, String> appEnvironment(AppNode node) {
        Map<String, String> env = new HashMap<>(settings.env());
        if (!settings.externalDatabase()) {
            env.put("PANELS_DB_URL", "jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/postgres");
            env.put("PANELS_DB_USER", "postgres");
            env.put("PANELS_DB_PASSWORD", "postgres");
        }
        env.putAll(AppEnvironment.of(settings, node, keys));
        return env;
    }

    private String title(Part part) {
        return switch (part) {
            case STYTCH -> "Stytch";
            case MEDPLUM -> "Medplum";
            case POSTGRES -> "PostgreSQL for the app";
            case BALANCER -> "Load balancer";
            case KEYCLOAK -> "Keycloak " + Versions.KEYCLOAK + (settings.cluster() ? " cluster" : "");
            case APP -> settings.cluster() ? "panels-app on Open Liberty and WildFly"
                    : "panels-app on " + settings.appServer().name().toLowerCase();
        };
    }

    private void printSummary() throws Exception {
        System.out.println();
        System.out.println("Panels is running. Ctrl-C stops everything.");
        System.out.println("  App                      " + settings.appUrl() + "/");
        System.out.println("  Keycloak admin console   " + settings.keycloakUrl() + "/admin/  (admin / "
                + settings.adminPassword() + ", created on first run)");
        if (!settings.externalStytch()) {
            System.out.println("  Dev inbox (emails sent)  " + settings.stytchUrl() + "/dev/inbox");
            System.out.println("  Sample sign-in emails    " + String.join(", ", sampleEmails()));
        }
        if (settings.cluster()) {
            System.out.println("  Balancer node states     http://127.0.0.1:" + settings.balancerStatsPort() + "/stats");
        }
        System.out.println("  Logs                     " + settings.logDir());
    }

    /** The seeded members' emails, read from the emulator's sample seed so this list never drifts from it. */
    private static List<String> sampleEmails() throws Exception {
        try (InputStream in = StytchEmulator.class.getResourceAsStream("/seed/sample-seed.json")) {
            if (in == null) {
                return List.of();
            }
            JsonNode seed = new ObjectMapper().readTree(in);
            return seed.findValuesAsText("email_address").stream().distinct().sorted().toList();
        }
    }

    /** Stops every part that started, newest first. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (running.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("Stopping...");
        while (!running.isEmpty()) {
            AutoCloseable part = running.pollLastEntry().getValue();
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("  could not stop " + part + ": " + e.getMessage());
            }
        }
        System.out.println("Stopped.");
    }

    private static void step(int number, int of, String what) {
        System.out.print("[" + number + "/" + of + "] " + what + " ");
        System.out.flush();
    }

    private static void done(String where) {
        System.out.println(" ready: " + where);
    }
}
