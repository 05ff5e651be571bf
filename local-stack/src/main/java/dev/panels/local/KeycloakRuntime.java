package dev.panels.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Keycloak distribution from Maven Central, with our provider in providers/ and the realm export imported: one
 * server in development mode on its own database, or cluster nodes in production mode on the shared PostgreSQL,
 * clustered by Keycloak's embedded Infinispan with JGroups discovery through that database (jdbc-ping).
 */
final class KeycloakRuntime {

    static final String DIST = "keycloak-" + Versions.KEYCLOAK;

    /** Build-time options of a cluster node (a production build, as Keycloak's production guide prescribes). */
    private static final List<String> CLUSTER_BUILD = List.of("--db=postgres", "--health-enabled=true",
            "--metrics-enabled=true", "--features=user-event-metrics", "--event-metrics-user-enabled=true");

    /** The database the cluster's Keycloak nodes share, in the stack's PostgreSQL. */
    static final String CLUSTER_DATABASE = "keycloak";

    private KeycloakRuntime() {
    }

    static ManagedProcess start(StackSettings settings, Map<String, String> keys) throws IOException, InterruptedException {
        KeycloakNode node = settings.keycloakNodes().get(0);
        Path home = settings.runtimeDir().resolve(DIST);
        if (!Files.isDirectory(home)) {
            throw new IllegalStateException("Keycloak is not laid out at " + home + "; run ./run-local, which builds it");
        }
        Files.copy(settings.runtimeDir().resolve("artifacts/keycloak-stytch-idp.jar"),
                home.resolve("providers/keycloak-stytch-idp.jar"), StandardCopyOption.REPLACE_EXISTING);
        installRealm(settings, home);
        Map<String, String> env = withKeys(environment(settings), keys);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                // start-dev re-parses every FreeMarker template on every page (its theme-development default): the
                // sign-in pages are cached as in production, or the benchmark measures the template parser
                "--spi-theme--cache-themes=true", "--spi-theme--cache-templates=true"));
        command.addAll(serverOptions(settings, node));
        return awaitReady(ManagedProcess.start("Keycloak", command, home, env, settings.logDir()), node);
    }

    /**
     * Starts one cluster node from a home of its own in the stack's state (a copy of the production build), so the
     * nodes never share temporary files or transaction logs. The first node imports the realm; later ones find it.
     */
    static ManagedProcess startClusterNode(StackSettings settings, Map<String, String> keys, KeycloakNode node)
            throws IOException, InterruptedException {
        Path home = nodeHome(settings, node);
        Map<String, String> env = withKeys(environment(settings), keys);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--proxy-headers=xforwarded", "--proxy-trusted-addresses=127.0.0.1",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + node.clusterPort(),
                // the balancer keeps affinity with a cookie of its own, so Keycloak need not add its node to
                // AUTH_SESSION_ID (the reverse-proxy guide's setting for such proxies)
                "--spi-sticky-session-encoder--infinispan--should-attach-route=false",
                // readiness turns DOWN first, so the balancer stops sending before the node stops serving
                "--shutdown-delay=2s", "--shutdown-timeout=10s"));
        command.addAll(serverOptions(settings, node));
        return awaitReady(ManagedProcess.start("Keycloak " + node.name(), command, home, env, settings.logDir()), node);
    }

    private static List<String> serverOptions(StackSettings settings, KeycloakNode node) {
        return List.of("--http-host=127.0.0.1", "--http-port=" + node.httpPort(),
                "--http-management-port=" + node.managementPort(), "--health-enabled=true",
                // Prometheus metrics on the management port (/metrics), with user-event counters (logins, refreshes)
                "--metrics-enabled=true", "--features=user-event-metrics", "--event-metrics-user-enabled=true",
                "--hostname=" + settings.keycloakUrl(), "--import-realm");
    }

    private static ManagedProcess awaitReady(ManagedProcess keycloak, KeycloakNode node) throws InterruptedException {
        return keycloak.awaitReady(URI.create(node.healthUrl()), Duration.ofMinutes(4));
    }

    /**
     * A node's home: copied from the cluster build, which is made once from the distribution plus our provider and
     * made again only when the provider or the build options change (a fingerprint file records what it was made of).
     */
    private static Path nodeHome(StackSettings settings, KeycloakNode node) throws IOException, InterruptedException {
        Path build = clusterBuild(settings);
        Path home = settings.stateDir().resolve(node.name());
        Path stamp = build.resolve("panels-build.sha256");
        if (!Files.isRegularFile(home.resolve("panels-build.sha256"))
                || Files.mismatch(stamp, home.resolve("panels-build.sha256")) != -1) {
            Trees.copy(build, home);
        }
        installRealm(settings, home);
        return home;
    }

    private static Path clusterBuild(StackSettings settings) throws IOException, InterruptedException {
        Path dist = settings.runtimeDir().resolve(DIST);
        Path provider = settings.runtimeDir().resolve("artifacts/keycloak-stytch-idp.jar");
        if (!Files.isDirectory(dist) || !Files.isRegularFile(provider)) {
            throw new IllegalStateException("Keycloak is not laid out at " + dist + "; run ./run-local, which builds it");
        }
        Path build = settings.runtimeDir().resolve(DIST + "-cluster");
        String fingerprint = sha256(Files.readAllBytes(provider)) + " " + String.join(" ", CLUSTER_BUILD);
        Path stamp = build.resolve("panels-build.sha256");
        if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(fingerprint)) {
            return build;
        }
        Trees.copy(dist, build);
        FreshStart.delete(build.resolve("data"));
        Files.copy(provider, build.resolve("providers/keycloak-stytch-idp.jar"), StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(build.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(CLUSTER_BUILD);
        Path log = Files.createDirectories(settings.logDir()).resolve("keycloak-cluster-build.log");
        Process process = new ProcessBuilder(command).directory(build.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("Keycloak's production build failed; see " + log);
        }
        Files.writeString(stamp, fingerprint);
        return build;
    }

    /** The realm export, where {@code --import-realm} reads it (it imports only a realm that does not exist yet). */
    private static void installRealm(StackSettings settings, Path home) throws IOException {
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(settings.repoDir().resolve("realm-export/panels-realm.json"), imports.resolve("panels-realm.json"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Keycloak seals the Medplum token (claim and session notes) with the keys the app opens it with. */
    private static Map<String, String> withKeys(Map<String, String> env, Map<String, String> keys) {
        env.put(StackKeys.MEDPLUM_TOKEN_KEYS, keys.get(StackKeys.MEDPLUM_TOKEN_KEYS));
        return env;
    }

    /**
     * Keycloak's environment: its database (unless configured: the development database in this stack's state, or
     * in a cluster the stack's PostgreSQL), the bootstrap admin and the realm's placeholders.
     */
    static Map<String, String> environment(StackSettings settings) {
        Map<String, String> env = new HashMap<>();
        if (settings.env().containsKey("KC_DB")) {
            // configured: Keycloak's own KC_DB* variables, passed on below
        } else if (!settings.cluster()) {
            // Keycloak's dev database in this stack's own state, not in the shared distribution.
            env.put("KC_DB_URL", "jdbc:h2:file:" + settings.stateDir().resolve("keycloak/keycloakdb") + ";NON_KEYWORDS=VALUE");
        } else if (!settings.externalDatabase()) {
            env.put("KC_DB_URL", "jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/" + CLUSTER_DATABASE);
            env.put("KC_DB_USERNAME", "postgres");
            env.put("KC_DB_PASSWORD", "postgres");
        }
        // The bootstrap admin is created only on an empty database (first run or --fresh).
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", StackSettings.ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", settings.adminPassword());
        // Placeholders of realm-export/panels-realm.json.
        env.put("PANELS_APP_URL", settings.appUrl());
        env.put("PANELS_CLIENT_SECRET", settings.clientSecret());
        env.put("STYTCH_API_BASE_URL", settings.stytchUrl());
        // The emulator is a custom base URL; a real project picks test/live from its id unless told otherwise.
        env.put("STYTCH_ENVIRONMENT", settings.externalStytch()
                ? settings.env().getOrDefault("STYTCH_ENVIRONMENT", settings.stytchUrl().isBlank() ? "" : "custom")
                : "custom");
        env.put("MEDPLUM_BASE_URL", settings.medplumUrl());
        settings.env().forEach(env::putIfAbsent);
        return env;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
