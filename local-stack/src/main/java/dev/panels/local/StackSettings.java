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
        for (String arg : args) {
            if (arg.startsWith("--server=")) {
                String value = arg.substring("--server=".length()).toUpperCase(Locale.ROOT);
                try {
                    server = AppServer.valueOf(value);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--server must be liberty or wildfly, not " + value.toLowerCase(Locale.ROOT));
                }
            } else if (arg.equals("--fresh")) {
                fresh = true;
            } else {
                throw new IllegalArgumentException("Unknown option " + arg + " (use --server=liberty|wildfly, --fresh)");
            }
        }
        StackSettings settings = new StackSettings(runtimeDir, stateDir, repoDir, server, fresh,
                port(env, "PANELS_KEYCLOAK_PORT", 8180), port(env, "PANELS_KEYCLOAK_MANAGEMENT_PORT", 9180),
                port(env, "STYTCH_EMULATOR_PORT", 8110), port(env, "MEDPLUM_EMULATOR_PORT", 8210),
                port(env, "PANELS_HTTP_PORT", 8080), port(env, "PANELS_POSTGRES_PORT", 54329), Map.copyOf(env));
        settings.medplumPatients(); // refuses a malformed count at start, not when the stand-in starts
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

    /** WildFly's management port (health checks). */
    int appManagementPort() {
        return appPort + 1910;
    }

    int appHttpsPort() {
        return appPort + 363;
    }

    /** WildFly's transaction recovery and status ports. */
    int[] appTransactionPorts() {
        return new int[] {appPort + 4, appPort + 5};
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
        ports.put("Keycloak (PANELS_KEYCLOAK_PORT)", keycloakPort);
        ports.put("Keycloak's management interface (PANELS_KEYCLOAK_MANAGEMENT_PORT)", keycloakManagementPort);
        ports.put("the app (PANELS_HTTP_PORT)", appPort);
        if (appServer == AppServer.WILDFLY) {
            ports.put("WildFly's management interface (PANELS_HTTP_PORT + 1910)", appManagementPort());
            ports.put("WildFly's HTTPS listener (PANELS_HTTP_PORT + 363)", appHttpsPort());
            ports.put("WildFly's transaction recovery (PANELS_HTTP_PORT + 4)", appTransactionPorts()[0]);
            ports.put("WildFly's transaction status (PANELS_HTTP_PORT + 5)", appTransactionPorts()[1]);
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
