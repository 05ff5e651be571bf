package dev.panels.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code --fresh} resets: everything this stack wrote (Keycloak's database, the app's PostgreSQL data, the Stytch
 * emulator's state, the app server's instance directory, logs), and the places earlier versions of the launcher kept such state inside the shared runtime,
 * whatever state a previous run left them in (stopped cleanly or not).
 */
final class FreshStart {

    private FreshStart() {
    }

    /** Deletes the stack's state and returns what it removed, for the person to read. */
    static List<String> reset(StackSettings settings) throws IOException {
        List<String> removed = new ArrayList<>();
        delete(settings.stateDir(), "this stack's state (Keycloak database, app PostgreSQL, Stytch emulator, app server, sealing keys and metrics token, logs): "
                + settings.stateDir(), removed);
        Path runtime = settings.runtimeDir();
        delete(runtime.resolve(KeycloakRuntime.DIST).resolve("data/h2"), "an older Keycloak database in the runtime", removed);
        delete(runtime.resolve("postgres-data"), "an older app PostgreSQL in the runtime", removed);
        delete(runtime.resolve("stytch-emulator-state.json"), "an older Stytch emulator state in the runtime", removed);
        delete(runtime.resolve("wlp/usr/servers/panels"), "an older Liberty server in the runtime", removed);
        if (removed.isEmpty()) {
            removed.add("nothing (no state yet)");
        }
        return removed;
    }

    private static void delete(Path path, String what, List<String> removed) throws IOException {
        if (delete(path)) {
            removed.add(what);
        }
    }

    /** Deletes a file or a directory tree; false when there was nothing. */
    static boolean delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        return true;
    }
}
