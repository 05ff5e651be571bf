package dev.panels.local;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the local stack can be told, read once from the command line and the environment.
 * Real services are configuration only: set STYTCH_PROJECT_ID/STYTCH_SECRET (and STYTCH_API_BASE_URL for the
 * live or test API) to use Stytch, MEDPLUM_BASE_URL to use a Medplum server, PANELS_DB_URL for an external
 * PostgreSQL for the app, and Keycloak's own KC_DB* variables for Keycloak's database.
 * <p>
 * {@code runtimeDir} holds what the build lays out (Keycloak, WildFly, Liberty, our artifacts) and is shared;
 * {@code stateDir} holds what one stack writes (Keycloak's database, the app's PostgreSQL, the Stytch emulator's state,
 * logs), so ./run-local and the test suite's stack never see each other's realm or data, in whichever order they run.
 */
public record StackSettings(
        Path runtimeDir,
        Path stateDir,
        Path repoDir,
        AppServer appServer,
        boolean fresh,
        boolean cluster,
        int keycloakPort,
        int keycloakManagementPort,
        int stytchPort,
        int medplumPort,
        int appPort,
        int postgresPort,
        Map<String, String> env) {

    public enum AppServer { LIBERTY, WILDFLY }

    public static final String REALM = "panels";
    public static final String ADMIN_USER = "admin";
    private static final String DEV_CLIENT_SECRET = "panels-local-dev-secret-change-me";

    public static StackSettings parse(String[] args, Map<String, String> env, Path runtimeDir, Path stateDir, Path repoDir) {
        AppServer server = AppServer.LIBERTY;
        boolean fresh = false;
        boolean cluster = false;
        boolean serverChosen = false;
        for (String arg : args) {
            if (arg.startsWith("--server=")) {
                serverChosen = true;
                String value = arg.substring("--server=".length()).toUpperCase(Locale.ROOT);
                try {
                    server = AppServer.valueOf(value);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--server must be liberty or wildfly, not " + value.toLowerCase(Locale.ROOT));
                }
            } else if (arg.equals("--fresh")) {
                fresh = true;
            } else if (arg.equals("--cluster")) {
                cluster = true;
            } else {
                throw new IllegalArgumentException("Unknown option " + arg + " (use --server=liberty|wildfly, --cluster, --fresh)");
            }
        }
        if (cluster && serverChosen) {
            throw new IllegalArgumentException("--cluster runs both app servers (one Open Liberty and one WildFly node): "
                    + "leave out --server");
        }
        StackSettings settings = new StackSettings(runtimeDir, stateDir, repoDir, server, fresh, cluster,
                port(env, "PANELS_KEYCLOAK_PORT", 8180), port(env, "PANELS_KEYCLOAK_MANAGEMENT_PORT", 9180),
                port(env, "STYTCH_EMULATOR_PORT", 8110), port(env, "MEDPLUM_EMULATOR_PORT", 8210),
                port(env, "PANELS_HTTP_PORT", 8080), port(env, "PANELS_POSTGRES_PORT", 54329), Map.copyOf(env));
        settings.medplumPatients(); // refuses a malformed count at start, not when the stand-in starts
        settings.clusterPortBase();
        if (cluster && settings.externalDatabase() && !settings.has("KC_DB_URL")) {
            throw new IllegalArgumentException("--cluster with an external PANELS_DB_URL needs Keycloak's database too: "
                    + "set KC_DB_URL, KC_DB_USERNAME and KC_DB_PASSWORD (PostgreSQL)");
        }
        return settings;
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a TCP port (1-65535), not '" + value + "'");
        }
    }

    /**
     * The Keycloak servers: one on the stack's Keycloak port, or in a cluster two nodes behind the balancer, which
     * then listens on the Keycloak port (so every URL, the issuer included, stays the same).
     */
    public java.util.List<KeycloakNode> keycloakNodes() {
        if (!cluster) {
            return java.util.List.of(new KeycloakNode("keycloak", keycloakPort, keycloakManagementPort, 0));
        }
        int base = clusterPortBase();
        return java.util.List.of(new KeycloakNode("keycloak-a", base, base + 1, base + 2),
                new KeycloakNode("keycloak-b", base + 10, base + 11, base + 12));
    }

    /** The app servers: the chosen one on the app port, or in a cluster one Liberty and one WildFly node behind the balancer. */
    public java.util.List<AppNode> appNodes() {
        if (!cluster) {
            return java.util.List.of(new AppNode(appServer.name().toLowerCase(Locale.ROOT), appServer, appPort));
        }
        int base = clusterPortBase();
        return java.util.List.of(new AppNode("liberty", AppServer.LIBERTY, base + 20), new AppNode("wildfly", AppServer.WILDFLY, base + 30));
    }

    /** The balancer's own page (readiness at /ready, node states at /stats), in a cluster. */
    public int balancerStatsPort() {
        return clusterPortBase() + 40;
    }

    /** Where a cluster's node ports start ({@code PANELS_CLUSTER_PORT_BASE}, default 8300; 45 ports and a few above). */
    int clusterPortBase() {
        int base = port(env, "PANELS_CLUSTER_PORT_BASE", 8300);
        if (base > 65535 - 2000) {
            throw new IllegalArgumentException("PANELS_CLUSTER_PORT_BASE must leave room for the nodes' ports, not " + base);
        }
        return base;
    }

    /** Every port this stack will listen on, by what listens there (external services excluded). */
    Map<String, Integer> listenPorts() {
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        if (!externalStytch()) {
            ports.put("the Stytch emulator (STYTCH_EMULATOR_PORT)", stytchPort);
        }
        if (!externalMedplum()) {
            ports.put("the Medplum stand-in (MEDPLUM_EMULATOR_PORT)", medplumPort);
        }
        if (!externalDatabase()) {
            ports.put("the app's PostgreSQL (PANELS_POSTGRES_PORT)", postgresPort);
        }
        if (!cluster) {
            ports.put("Keycloak (PANELS_KEYCLOAK_PORT)", keycloakPort);
            ports.put("Keycloak's management interface (PANELS_KEYCLOAK_MANAGEMENT_PORT)", keycloakManagementPort);
            ports.put("the app (PANELS_HTTP_PORT)", appPort);
            ports.putAll(appNodes().get(0).otherPorts("PANELS_HTTP_PORT"));
            return ports;
        }
        ports.put("the balancer for Keycloak (PANELS_KEYCLOAK_PORT)", keycloakPort);
        ports.put("the balancer for the app (PANELS_HTTP_PORT)", appPort);
        ports.put("the balancer's status page (PANELS_CLUSTER_PORT_BASE + 40)", balancerStatsPort());
        int base = clusterPortBase();
        for (KeycloakNode node : keycloakNodes()) {
            String at = " (PANELS_CLUSTER_PORT_BASE + " + (node.httpPort() - base);
            ports.put(node.name() + at + ")", node.httpPort());
            ports.put(node.name() + "'s management interface" + at + " + 1)", node.managementPort());
            ports.put(node.name() + "'s cluster transport" + at + " + 2)", node.clusterPort());
            ports.put(node.name() + "'s cluster failure detection" + at + " + 102)", node.failureDetectionPort());
        }
        for (AppNode node : appNodes()) {
            String setting = "PANELS_CLUSTER_PORT_BASE + " + (node.httpPort() - base);
            ports.put(node.name() + " (" + setting + ")", node.httpPort());
            ports.putAll(node.otherPorts(setting));
        }
        return ports;
    }

    public Path logDir() {
        return stateDir.resolve("logs");
    }

    boolean externalStytch() {
        return has("STYTCH_PROJECT_ID");
    }

    boolean externalMedplum() {
        return has("MEDPLUM_BASE_URL");
    }

    boolean externalDatabase() {
        return has("PANELS_DB_URL");
    }

    private boolean has(String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }

    /** Synthetic patients the Medplum stand-in seeds across its two projects ({@code MEDPLUM_EMULATOR_PATIENTS}). */
    public int medplumPatients() {
        String value = env.get("MEDPLUM_EMULATOR_PATIENTS");
        if (value == null || value.isBlank()) {
            return dev.panels.emulator.medplum.MedplumEmulatorConfig.DEFAULT_PATIENTS;
        }
        try {
            int patients = Integer.parseInt(value.trim());
            if (patients < 0) {
                throw new NumberFormatException();
            }
            return patients;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("MEDPLUM_EMULATOR_PATIENTS must be a number of patients, not '" + value + "'");
        }
    }

    /**
     * The WAR the app server deploys: {@code PANELS_APP_WAR}, or the one the build laid out. The benchmark sets it to
     * the shipping WAR plus its own probe resource; nothing else should.
     */
    public Path appWar() {
        return has("PANELS_APP_WAR") ? Path.of(env.get("PANELS_APP_WAR")) : builtWar(runtimeDir);
    }

    /** Where the build lays out the panels-app WAR in a runtime directory. */
    public static Path builtWar(Path runtimeDir) {
        return runtimeDir.resolve("artifacts/panels-app.war");
    }

    public String keycloakUrl() {
        return "http://localhost:" + keycloakPort;
    }

    /** The panels-app client's secret: {@code PANELS_CLIENT_SECRET}, or the realm export's local development default. */
    public String clientSecret() {
        return env.getOrDefault("PANELS_CLIENT_SECRET", DEV_CLIENT_SECRET);
    }

    /** The password of Keycloak's bootstrap admin ({@link #ADMIN_USER}): {@code PANELS_KEYCLOAK_ADMIN_PASSWORD}, or "admin". */
    public String adminPassword() {
        return env.getOrDefault("PANELS_KEYCLOAK_ADMIN_PASSWORD", "admin");
    }

    public String issuer() {
        return keycloakUrl() + "/realms/" + REALM;
    }

    public String appUrl() {
        return "http://localhost:" + appPort + "/panels";
    }

    public String stytchUrl() {
        return externalStytch() ? env.getOrDefault("STYTCH_API_BASE_URL", "") : "http://127.0.0.1:" + stytchPort;
    }

    public String medplumUrl() {
        return externalMedplum() ? env.get("MEDPLUM_BASE_URL") : "http://127.0.0.1:" + medplumPort;
    }
}
