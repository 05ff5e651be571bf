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

/** The Keycloak distribution from Maven Central, with our provider in providers/ and the realm export imported. */
final class KeycloakRuntime {

    static final String DIST = "keycloak-" + Versions.KEYCLOAK;

    private KeycloakRuntime() {
    }

    static ManagedProcess start(StackSettings settings, Map<String, String> keys) throws IOException, InterruptedException {
        Path home = settings.runtimeDir().resolve(DIST);
        if (!Files.isDirectory(home)) {
            throw new IllegalStateException("Keycloak is not laid out at " + home + "; run ./run-local, which builds it");
        }
        Files.copy(settings.runtimeDir().resolve("artifacts/keycloak-stytch-idp.jar"),
                home.resolve("providers/keycloak-stytch-idp.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(settings.repoDir().resolve("realm-export/panels-realm.json"), imports.resolve("panels-realm.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> env = environment(settings);
        // Keycloak seals the Medplum token (claim and session notes) with the keys the app opens it with
        env.put(StackKeys.MEDPLUM_TOKEN_KEYS, keys.get(StackKeys.MEDPLUM_TOKEN_KEYS));

        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + settings.keycloakPort(),
                "--http-management-port=" + settings.keycloakManagementPort(), "--health-enabled=true",
                // Prometheus metrics on the management port (/metrics), with user-event counters (logins, refreshes)
                "--metrics-enabled=true", "--features=user-event-metrics", "--event-metrics-user-enabled=true",
                "--hostname=" + settings.keycloakUrl(), "--import-realm",
                // start-dev re-parses every FreeMarker template on every page (its theme-development default): the
                // sign-in pages are cached as in production, or the benchmark measures the template parser
                "--spi-theme--cache-themes=true", "--spi-theme--cache-templates=true");
        ManagedProcess keycloak = ManagedProcess.start("Keycloak", command, home, env, settings.logDir());
        keycloak.awaitReady(URI.create("http://127.0.0.1:" + settings.keycloakManagementPort() + "/health/ready"),
                Duration.ofMinutes(4));
        return keycloak;
    }

    /** Keycloak's environment: its database in this stack's state (unless configured) and the realm's placeholders. */
    static Map<String, String> environment(StackSettings settings) {
        Map<String, String> env = new HashMap<>();
        if (!settings.env().containsKey("KC_DB")) {
            // Keycloak's dev database in this stack's own state, not in the shared distribution.
            env.put("KC_DB_URL", "jdbc:h2:file:" + settings.stateDir().resolve("keycloak/keycloakdb") + ";NON_KEYWORDS=VALUE");
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
}
