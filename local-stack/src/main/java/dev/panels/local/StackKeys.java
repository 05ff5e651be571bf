package dev.panels.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The stack's secrets: the session-cookie keys (the app), the Medplum token keys (Keycloak seals, the app opens),
 * the token a Prometheus scraper presents at the app's {@code /metrics} and the live-update hook key (the app, and
 * the Subscriptions written into Medplum). Taken from the environment when set; otherwise generated once into this stack's state
 * ({@code keys.properties}, owner-only) and reused, so a restarted stack (or one part of it) still opens the cookies
 * and the session notes it sealed before, and people stay signed in. {@code --fresh} deletes them with the rest.
 */
public final class StackKeys {

    public static final String SESSION_COOKIE_KEYS = "PANELS_SESSION_COOKIE_KEYS";
    public static final String MEDPLUM_TOKEN_KEYS = "PANELS_MEDPLUM_TOKEN_KEYS";
    public static final String METRICS_TOKEN = "PANELS_METRICS_TOKEN";
    /** The app and whoever writes Medplum's live-update Subscriptions derive each organization's hook secret from it. */
    public static final String LIVE_HOOK_KEY = "PANELS_LIVE_HOOK_KEY";
    private static final List<String> NAMES = List.of(SESSION_COOKIE_KEYS, MEDPLUM_TOKEN_KEYS, METRICS_TOKEN, LIVE_HOOK_KEY);
    private static final SecureRandom RANDOM = new SecureRandom();

    private StackKeys() {
    }

    /** The keys by variable name: configured ones as given, the others from (or newly written to) the state file. */
    public static Map<String, String> load(StackSettings settings) throws IOException {
        Path file = settings.stateDir().resolve("keys.properties");
        Properties stored = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                stored.load(in);
            }
        }
        Map<String, String> keys = new LinkedHashMap<>();
        boolean changed = false;
        for (String name : NAMES) {
            String configured = settings.env().get(name);
            if (configured != null && !configured.isBlank()) {
                keys.put(name, configured);
                continue;
            }
            String key = stored.getProperty(name);
            if (key == null || key.isBlank()) {
                key = newKey();
                stored.setProperty(name, key);
                changed = true;
            }
            keys.put(name, key);
        }
        if (changed) {
            write(file, stored);
        }
        return keys;
    }

    private static void write(Path file, Properties keys) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (Writer out = Files.newBufferedWriter(file)) {
            keys.store(out, "Secrets of this local stack (generated; delete with --fresh). Never commit these.");
        }
    }

    /** A 256-bit key, base64url without padding (the form both the app and the provider read). */
    static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}
