package dev.panels.local.it;

import dev.panels.local.LocalStack;
import dev.panels.local.StackSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one local stack all of this module's integration tests share: started on first use, on the test port
 * range 18510-18550 (apart from ./run-local's default ports) with its state in
 * {@code target/it-stack-<server>} (./run-local keeps its own in {@code target/run-local}), stopped when the test
 * JVM exits. The app server is the {@code panels.it.server} system property (Failsafe runs the suite on Liberty
 * and its sign-in and smoke tests again on WildFly); {@code cluster} starts the cluster (./run-local --cluster)
 * for the cluster's failure tests.
 */
public final class SharedStack {

    public static final Map<String, String> TEST_PORTS = Map.of(
            "PANELS_KEYCLOAK_PORT", "18510", "PANELS_KEYCLOAK_MANAGEMENT_PORT", "18511",
            "STYTCH_EMULATOR_PORT", "18520", "MEDPLUM_EMULATOR_PORT", "18530",
            "PANELS_HTTP_PORT", "18540", "PANELS_POSTGRES_PORT", "18550",
            // every browser test signs in through Stytch from 127.0.0.1: lift the realm's per-address email limits
            "STYTCH_RATE_LIMIT_PER_IP", "1000", "STYTCH_RATE_LIMIT_PER_EMAIL", "100");

    /**
     * The cluster's: the same public ports (now the balancer's), its nodes from 18300, and a per-address email limit
     * low enough that the cluster test can show it holds across Keycloak nodes.
     */
    public static final Map<String, String> CLUSTER_PORTS = clusterPorts();

    private static Map<String, String> clusterPorts() {
        Map<String, String> ports = new java.util.HashMap<>(TEST_PORTS);
        ports.put("PANELS_CLUSTER_PORT_BASE", "18300");
        ports.put("STYTCH_RATE_LIMIT_PER_EMAIL", "4");
        return Map.copyOf(ports);
    }

    private static LocalStack stack;

    private SharedStack() {
    }

    public static synchronized LocalStack get() throws Exception {
        if (stack == null) {
            // The shared runtime the build laid out, but state of its own: ./run-local's realm and data stay apart.
            Path runtime = Path.of("target/runtime").toAbsolutePath();
            String server = System.getProperty("panels.it.server", "liberty");
            boolean cluster = server.equals("cluster");
            StackSettings settings = StackSettings.parse(
                    cluster ? new String[] {"--fresh", "--cluster"} : new String[] {"--fresh", "--server=" + server},
                    cluster ? CLUSTER_PORTS : TEST_PORTS, runtime,
                    Path.of("target/it-stack-" + server).toAbsolutePath(), Path.of("..").toAbsolutePath().normalize());
            stack = LocalStack.start(settings);
            // the launcher listener stops it first; this is for a JVM that ends another way
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "shared-stack-shutdown"));
        }
        return stack;
    }

    /**
     * Stops the stack, if started, before the test JVM reports its end: Failsafe's next run (the WildFly one) then
     * finds every port free, rather than racing a shutdown hook that Failsafe may cut short.
     */
    public static synchronized void stopIfStarted() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }
}
