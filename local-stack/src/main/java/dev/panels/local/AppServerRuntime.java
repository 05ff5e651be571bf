package dev.panels.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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

    static ManagedProcess start(StackSettings settings, Map<String, String> appEnv) throws IOException, InterruptedException {
        return switch (settings.appServer()) {
            case LIBERTY -> startLiberty(settings, appEnv);
            case WILDFLY -> startWildFly(settings, appEnv);
        };
    }

    private static ManagedProcess startLiberty(StackSettings settings, Map<String, String> appEnv)
            throws IOException, InterruptedException {
        Path wlp = settings.runtimeDir().resolve("wlp");
        Path server = wlp.resolve("usr/servers/" + LIBERTY_SERVER);
        Files.createDirectories(server.resolve("dropins"));
        Files.copy(settings.repoDir().resolve("panels-app/src/main/liberty/config/server.xml"), server.resolve("server.xml"),
                StandardCopyOption.REPLACE_EXISTING);
        Path jdbc = Files.createDirectories(wlp.resolve("usr/shared/resources/jdbc"));
        Files.copy(artifact(settings, "postgresql.jar"), jdbc.resolve("postgresql.jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(artifact(settings, "panels-app.war"), server.resolve("dropins/panels.war"), StandardCopyOption.REPLACE_EXISTING);

        ManagedProcess liberty = ManagedProcess.start("Open Liberty",
                List.of(wlp.resolve("bin/server").toString(), "run", LIBERTY_SERVER), wlp, appEnv,
                settings.logDir());
        liberty.awaitReady(URI.create("http://127.0.0.1:" + settings.appPort() + "/health/ready"), Duration.ofMinutes(4));
        return liberty;
    }

    private static ManagedProcess startWildFly(StackSettings settings, Map<String, String> appEnv)
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
        Files.copy(artifact(settings, "panels-app.war"), home.resolve("standalone/deployments/panels.war"),
                StandardCopyOption.REPLACE_EXISTING);

        int managementPort = settings.appPort() + 1910;
        ManagedProcess wildfly = ManagedProcess.start("WildFly", List.of(home.resolve("bin/standalone.sh").toString(),
                        "-c", "standalone-microprofile.xml", "-Djboss.bind.address=127.0.0.1",
                        "-Djboss.http.port=" + settings.appPort(), "-Djboss.https.port=" + (settings.appPort() + 363),
                        "-Djboss.management.http.port=" + managementPort),
                home, appEnv, settings.logDir());
        wildfly.awaitReady(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"), Duration.ofMinutes(4));
        return wildfly;
    }

    private static Path artifact(StackSettings settings, String name) {
        Path path = settings.runtimeDir().resolve("artifacts/" + name);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("Missing " + path + "; run ./run-local, which builds it");
        }
        return path;
    }
}
