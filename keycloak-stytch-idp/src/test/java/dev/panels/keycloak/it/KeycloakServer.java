package dev.panels.keycloak.it;

import dev.panels.emulator.common.MutableClock;
import dev.panels.emulator.medplum.MedplumEmulator;
import dev.panels.emulator.medplum.MedplumEmulatorConfig;
import dev.panels.emulator.stytch.StytchEmulator;
import dev.panels.emulator.stytch.StytchEmulatorConfig;
import dev.panels.testsupport.KeycloakAdmin;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one Keycloak (+ Stytch emulator + Medplum emulator) of a Failsafe run, started lazily by the first test that calls {@link #get()}
 * and stopped by {@link KeycloakLauncherListener} at the end of the run (or by a shutdown hook).
 * <p>
 * Layout and settings come from system properties the pom sets: {@code kc.dist.dir} (the unpacked distribution, with
 * this module's JAR in {@code providers/}), {@code kc.realm.export} (imported with {@code --import-realm}),
 * {@code it.keycloak.port} (18001), {@code it.keycloak.management.port} (18002), {@code it.stytch.port} (18020),
 * {@code it.medplum.port} (18098; its token exchange checks subject tokens at the {@value #PANELS_REALM} realm's userinfo).
 * Keycloak's output goes to {@code target/keycloak-it.log}.
 */
public final class KeycloakServer {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin-it-password";
    /** Values given to the realm export's placeholders. */
    public static final String PANELS_APP_URL = "http://127.0.0.1:18097";
    public static final String PANELS_CLIENT_SECRET = "panels-it-client-secret";
    public static final String PANELS_REALM = "panels";
    /** The realm's Medplum mapper seals the Medplum token with this (as panels-app's PANELS_MEDPLUM_TOKEN_KEYS). */
    public static final String MEDPLUM_TOKEN_KEYS = "a2V5Y2xvYWstaXQtbWVkcGx1bS10b2tlbi1rZXktMDE";

    private static KeycloakServer instance;
    private static boolean shutdownHookAdded;

    private static final MutableClock STYTCH_CLOCK = MutableClock.followingRealTime();

    private final StytchEmulator stytch;
    private final MedplumEmulator medplum;
    private final Process process;
    private final String baseUrl;
    private final Path log;
    private final KeycloakAdmin admin;

    private KeycloakServer(StytchEmulator stytch, MedplumEmulator medplum, Process process, String baseUrl, Path log) {
        this.stytch = stytch;
        this.medplum = medplum;
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
        this.admin = new KeycloakAdmin(baseUrl, ADMIN_USER, ADMIN_PASSWORD);
    }

    /** Starts everything on first use; later calls return the running server. */
    public static synchronized KeycloakServer get() {
        if (instance == null) {
            instance = start();
            if (!shutdownHookAdded) {
                shutdownHookAdded = true;
                Runtime.getRuntime().addShutdownHook(new Thread(KeycloakServer::stopIfStarted, "keycloak-it-stop"));
            }
        }
        return instance;
    }

    public static synchronized void stopIfStarted() {
        if (instance != null) {
            instance.stop();
            instance = null;
        }
    }

    /** {@code http://127.0.0.1:18001}, no trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public String realmUrl(String realm) {
        return baseUrl + "/realms/" + realm;
    }

    public StytchEmulator stytch() {
        return stytch;
    }

    /** The Medplum stand-in the realm export's Medplum mapper talks to (reset its faults in a finally block). */
    public MedplumEmulator medplum() {
        return medplum;
    }

    /** The emulator's clock: shift it to expire links/sessions at Stytch, and reset it in a finally block. */
    public MutableClock stytchClock() {
        return STYTCH_CLOCK;
    }

    public KeycloakAdmin admin() {
        return admin;
    }

    public Path log() {
        return log;
    }

    private static int intProperty(String name, int def) {
        return Integer.parseInt(System.getProperty(name, Integer.toString(def)));
    }

    private static KeycloakServer start() {
        Path dist = Path.of(System.getProperty("kc.dist.dir", "target/keycloak-26.7.3")).toAbsolutePath();
        if (!Files.isExecutable(dist.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + dist + " (run through Maven: verify)");
        }
        int port = intProperty("it.keycloak.port", 18001);
        int managementPort = intProperty("it.keycloak.management.port", 18002);
        int stytchPort = intProperty("it.stytch.port", 18020);
        int medplumPort = intProperty("it.medplum.port", 18098);
        String baseUrl = "http://127.0.0.1:" + port;
        StytchEmulatorConfig.Builder stytchConfig = StytchEmulatorConfig.builder().host("127.0.0.1").port(stytchPort).clock(STYTCH_CLOCK);
        for (String realm : List.of(PANELS_REALM, StytchTestRealm.LINKED_REALM, StytchTestRealm.PINNED_REALM)) {
            // as an admin registers each realm's broker endpoint in Stytch's dashboard
            stytchConfig.brokerEndpoint(baseUrl + "/realms/" + realm + "/broker/" + StytchTestRealm.ALIAS + "/endpoint");
        }
        StytchEmulator stytch = StytchEmulator.start(stytchConfig.build());
        MedplumEmulator medplum;
        try {
            medplum = MedplumEmulator.start(MedplumEmulatorConfig.builder().host("127.0.0.1").port(medplumPort)
                    .patients(40).keycloakUserinfoUrl(baseUrl + "/realms/" + PANELS_REALM + "/protocol/openid-connect/userinfo")
                    // Keycloak listens on plain-http loopback here: allowed only because this is a test, as Medplum's setting
                    .allowUnsafeOutbound(true)
                    .build());
        } catch (RuntimeException e) {
            stytch.close();
            throw e;
        }
        try {
            prepare(dist);
            Path log = dist.getParent().resolve("keycloak-it.log");
            List<String> command = new ArrayList<>(List.of(dist.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + managementPort,
                    "--health-enabled=true", "--import-realm", "--log-level=INFO,dev.panels:DEBUG",
                    // as behind a reverse proxy: client addresses from X-Forwarded-For, but only when the proxy (here the
                    // tests on loopback) is a trusted address
                    "--proxy-headers=xforwarded", "--proxy-trusted-addresses=127.0.0.1"));
            ProcessBuilder pb = new ProcessBuilder(command).directory(dist.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("STYTCH_PROJECT_ID", stytch.projectId());
            env.put("STYTCH_SECRET", stytch.secret());
            env.put("STYTCH_PUBLIC_TOKEN", stytch.publicToken());
            env.put("STYTCH_API_BASE_URL", stytch.baseUrl());
            env.put("MEDPLUM_BASE_URL", medplum.baseUrl());
            env.put("PANELS_APP_URL", PANELS_APP_URL);
            env.put("PANELS_CLIENT_SECRET", PANELS_CLIENT_SECRET);
            env.put("PANELS_MEDPLUM_TOKEN_KEYS", MEDPLUM_TOKEN_KEYS);
            env.putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m");
            Process process = pb.start();
            waitUntilReady(process, "http://127.0.0.1:" + managementPort + "/health/ready", log);
            return new KeycloakServer(stytch, medplum, process, baseUrl, log);
        } catch (IOException e) {
            stytch.close();
            medplum.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stytch.close();
            medplum.close();
            throw e;
        }
    }

    /** Fresh H2 database; the realm export (if present) copied to data/import. */
    private static void prepare(Path dist) throws IOException {
        deleteTree(dist.resolve("data/h2"));
        Path importDir = dist.resolve("data/import");
        deleteTree(importDir);
        Files.createDirectories(importDir);
        String export = System.getProperty("kc.realm.export");
        if (export != null && Files.isRegularFile(Path.of(export))) {
            Files.copy(Path.of(export), importDir.resolve(Path.of(export).getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    private static void waitUntilReady(Process process, String healthUrl, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " during start; see " + log
                        + "\n" + tail(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(healthUrl)).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(1000);
        }
        destroyTree(process);
        throw new IllegalStateException("Keycloak not ready within 240 s; see " + log + "\n" + tail(log));
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void destroyTree(Process process) {
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> children = handle.descendants().toList();
        handle.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private void stop() {
        try {
            destroyTree(process);
        } finally {
            stytch.close();
            medplum.close();
        }
    }
}
