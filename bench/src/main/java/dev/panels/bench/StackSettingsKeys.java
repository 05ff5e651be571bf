package dev.panels.bench;

import dev.panels.local.StackSettings;

import java.io.Reader;
import java.nio.file.Files;
import java.util.Properties;

/** The Medplum token keys the stack generated into its state (the bench opens the sealed token as the app does). */
final class StackSettingsKeys {

    private StackSettingsKeys() {
    }

    static String medplumTokenKeys(StackSettings settings) throws Exception {
        String configured = settings.env().get("PANELS_MEDPLUM_TOKEN_KEYS");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Properties keys = new Properties();
        try (Reader in = Files.newBufferedReader(settings.stateDir().resolve("keys.properties"))) {
            keys.load(in);
        }
        return keys.getProperty("PANELS_MEDPLUM_TOKEN_KEYS");
    }
}
