package dev.panels.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HAProxy, from Debian's packages, in front of the cluster's Keycloak nodes and app nodes, with the configuration
 * docker-compose's cluster profile uses too (deploy/haproxy/haproxy.cfg). It starts before the nodes and marks each
 * one up when its own health check says it is ready.
 */
final class LoadBalancer {

    static final String HAPROXY = "/usr/sbin/haproxy";

    private LoadBalancer() {
    }

    static ManagedProcess start(StackSettings settings) throws IOException, InterruptedException {
        if (!java.nio.file.Files.isExecutable(Path.of(HAPROXY))) {
            throw new IllegalStateException("HAProxy is not installed: run scripts/install-packages.sh haproxy "
                    + "(Debian's haproxy package), which the build runs before the integration tests");
        }
        Path config = settings.repoDir().resolve("deploy/haproxy/haproxy.cfg");
        ManagedProcess haproxy = ManagedProcess.start("HAProxy", List.of(HAPROXY, "-db", "-f", config.toString()),
                settings.stateDir(), environment(settings), settings.logDir());
        return haproxy.awaitReady(URI.create("http://127.0.0.1:" + settings.balancerStatsPort() + "/ready"), Duration.ofSeconds(30));
    }

    static Map<String, String> environment(StackSettings settings) {
        List<KeycloakNode> keycloak = settings.keycloakNodes();
        List<AppNode> apps = settings.appNodes();
        Map<String, String> env = new HashMap<>();
        env.put("PANELS_LB_ADDRESS", "127.0.0.1");
        env.put("PANELS_LB_KEYCLOAK_PORT", Integer.toString(settings.keycloakPort()));
        env.put("PANELS_LB_APP_PORT", Integer.toString(settings.appPort()));
        env.put("PANELS_LB_STATUS_PORT", Integer.toString(settings.balancerStatsPort()));
        env.put("KEYCLOAK_A", "127.0.0.1:" + keycloak.get(0).httpPort());
        env.put("KEYCLOAK_A_HEALTH_PORT", Integer.toString(keycloak.get(0).managementPort()));
        env.put("KEYCLOAK_B", "127.0.0.1:" + keycloak.get(1).httpPort());
        env.put("KEYCLOAK_B_HEALTH_PORT", Integer.toString(keycloak.get(1).managementPort()));
        for (AppNode node : apps) {
            String prefix = "APP_" + node.name().toUpperCase(java.util.Locale.ROOT);
            env.put(prefix, "127.0.0.1:" + node.httpPort());
        }
        return env;
    }
}
