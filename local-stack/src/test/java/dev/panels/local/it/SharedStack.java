package dev.panels.local.it;

import dev.panels.local.LocalStack;
import dev.panels.local.StackSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one local stack all of this module's integration tests share: started on first use, on the test port
 * range 18510-18550 (so a developer's ./run-local on the default ports can keep running) with its state in
 * {@code target/it-stack} (./run-local keeps its own in {@code target/run-local}), stopped when the test JVM exits.
 */
public final class SharedStack {

    public static final Map<String, String> TEST_PORTS = Map.of(
            "PANELS_KEYCLOAK_PORT", "18510", "PANELS_KEYCLOAK_MANAGEMENT_PORT", "18511",
            "STYTCH_EMULATOR_PORT", "18520", "MEDPLUM_EMULATOR_PORT", "18530",
            "PANELS_HTTP_PORT", "18540", "PANELS_POSTGRES_PORT", "18550",
            // every browser test signs in through Stytch from 127.0.0.1: lift the realm's per-address email limits
            "STYTCH_RATE_LIMIT_PER_IP", "1000", "STYTCH_RATE_LIMIT_PER_EMAIL", "100");

    private static LocalStack stack;

    private SharedStack() {
    }

    public static synchronized LocalStack get() throws Exception {
        if (stack == null) {
            // The shared runtime the build laid out, but state of its own: ./run-local's realm and data stay apart.
            Path runtime = Path.of("target/runtime").toAbsolutePath();
            StackSettings settings = StackSettings.parse(new String[] {"--fresh"}, TEST_PORTS, runtime,
                    Path.of("target/it-stack").toAbsolutePath(), Path.of("..").toAbsolutePath().normalize());
            stack = LocalStack.start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "shared-stack-shutdown"));
        }
        return stack;
    }
}
