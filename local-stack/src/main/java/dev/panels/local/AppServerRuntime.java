package dev.panels.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The unchanged panels-app WAR on Open Liberty or WildFly, configured only by the server configuration kept in
 * panels-app (Liberty server.xml, WildFly CLI script) and environment variables.
 */
final class AppServerRuntime {

    private static final String LIBERTY_SERVER = "panels";

    private AppServerRuntime() {
    }

    static ManagedProcess start(StackSettings settings, AppNode node, Map<String, String> appEnv)
            throws IOException, InterruptedException {
        ManagedProcess server = switch (node.server()) {
            case LIBERTY -> startLiberty(settings, appEnv);
            case WILDFLY -> startWildFly(settings, node, appEnv);
        };
        return server.awaitReady(URI.create(node.healthUrl()), Duration.ofMinutes(4));
    }

    /**
     * Liberty's user directory (server configuration, the WAR, logs, workarea) lives in this stack's state, so a
     * ./run-local and the test stack never share a running server.
     */
    private static ManagedProcess startLiberty(StackSettings settings, Map<String, String> appEnv)
            throws IOException, InterruptedException {
        Path wlp = settings.runtimeDir().resolve("wlp");
        Path usr = settings.stateDir().resolve("liberty");
        Path server = usr.resolve("servers/" + LIBERTY_SERVER);
        Files.createDirectories(server.resolve("dropins"));
        Files.copy(settings.repoDir().resolve("panels-app/src/main/liberty/config/server.xml"), server.resolve("server.xml"),
                StandardCopyOption.REPLACE_EXISTING);
        Path jdbc = Files.createDirectories(usr.resolve("shared/resources/jdbc"));
        Files.copy(artifact(settings, "postgresql.jar"), jdbc.resolve("postgresql.jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(war(settings), server.resolve("dropins/panels.war"), StandardCopyOption.REPLACE_EXISTING);

        Map<String, String> env = new HashMap<>(appEnv);
        env.put("WLP_USER_DIR", usr.toString());
        return ManagedProcess.start("Open Liberty",
                List.of(wlp.resolve("bin/server").toString(), "run", LIBERTY_SERVER), wlp, env, settings.logDir());
    }

    /**
     * The WildFly installation is configured once (modules and the datasource, by the idempotent CLI script); each
     * stack then runs it on a server base directory of its own (configuration copied fresh, deployments, data, logs)
     * with its own ports, transaction-manager ports included.
     */
    private static ManagedProcess startWildFly(StackSettings settings, AppNode node, Map<String, String> appEnv)
            throws IOException, InterruptedException {
        Path home = settings.runtimeDir().resolve("wildfly-" + Versions.WILDFLY);
        Path staging = Files.createDirectories(settings.runtimeDir().resolve("wildfly-config/jdbc"));
        Files.copy(artifact(settings, "postgresql.jar"), staging.resolve("postgresql.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path script = settings.repoDir().resolve("panels-app/src/main/wildfly/configure-panels.cli");
        // The CLI script is idempotent; it runs offline (embedded server) before the real start.
        Process cli = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--file=" + script)
                .directory(staging.getParent().toFile()).inheritIO().start();
        if (cli.waitFor() != 0) {
            throw new IllegalStateException("WildFly configuration script failed: " + script);
        }
        Path base = settings.stateDir().resolve("wildfly");
        Trees.copy(home.resolve("standalone/configuration"), base.resolve("configuration"));
        Files.createDirectories(base.resolve("deployments"));
        Files.copy(war(settings), base.resolve("deployments/panels.war"), StandardCopyOption.REPLACE_EXISTING);

        return ManagedProcess.start("WildFly", List.of(home.resolve("bin/standalone.sh").toString(),
                        "-c", "standalone-microprofile.xml", "-Djboss.server.base.dir=" + base,
                        "-Djboss.bind.address=127.0.0.1",
                        // SIGTERM suspends first (new requests get 503, in-flight ones finish) before undeploying:
                        // without it a request can meet the listener after the app is gone (404)
                        "-Dorg.wildfly.sigterm.suspend.timeout=10",
                        "-Djboss.http.port=" + node.httpPort(), "-Djboss.https.port=" + node.httpsPort(),
                        "-Djboss.management.http.port=" + node.managementPort(),
                        "-Djboss.txn.recovery.port=" + node.transactionPorts()[0],
                        "-Djboss.txn.status.port=" + node.transactionPorts()[1]),
                home, appEnv, settings.logDir());
    }

    private static Path war(StackSettings settings) {
        return existing(settings.appWar());
    }

    private static Path artifact(StackSettings settings, String name) {
        return existing(settings.runtimeDir().resolve("artifacts/" + name));
    }

    private static Path existing(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("Missing " + path + "; run ./run-local, which builds it");
        }
        return path;
    }
}
