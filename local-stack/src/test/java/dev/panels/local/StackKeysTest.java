package dev.panels.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StackKeysTest {

    private static StackSettings settings(Path dir, Map<String, String> env, String... args) {
        return StackSettings.parse(args, env, dir.resolve("runtime"), dir.resolve("state"), dir);
    }

    @Test
    void generatedKeysAreKeptInTheStateSoARestartedStackOpensWhatItSealedBefore(@TempDir Path dir) throws Exception {
        Map<String, String> first = StackKeys.load(settings(dir, Map.of()));
        Map<String, String> again = StackKeys.load(settings(dir, Map.of()));

        assertThat(again).isEqualTo(first);
        assertThat(first.get(StackKeys.SESSION_COOKIE_KEYS)).isNotEqualTo(first.get(StackKeys.MEDPLUM_TOKEN_KEYS));
        assertThat(Base64.getUrlDecoder().decode(first.get(StackKeys.SESSION_COOKIE_KEYS))).hasSize(32);
        Path file = dir.resolve("state/keys.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void configuredKeysWinAndAreNeverWrittenToTheState(@TempDir Path dir) throws Exception {
        String configured = StackKeys.newKey();
        Map<String, String> keys = StackKeys.load(settings(dir, Map.of(StackKeys.SESSION_COOKIE_KEYS, configured)));

        assertThat(keys.get(StackKeys.SESSION_COOKIE_KEYS)).isEqualTo(configured);
        assertThat(Files.readString(dir.resolve("state/keys.properties"))).doesNotContain(configured)
                .contains(StackKeys.MEDPLUM_TOKEN_KEYS);
    }

    @Test
    void freshStartForgetsTheKeys(@TempDir Path dir) throws Exception {
        Map<String, String> before = StackKeys.load(settings(dir, Map.of()));
        FreshStart.reset(settings(dir, Map.of(), "--fresh"));

        assertThat(StackKeys.load(settings(dir, Map.of()))).doesNotContainEntry(StackKeys.SESSION_COOKIE_KEYS,
                before.get(StackKeys.SESSION_COOKIE_KEYS));
    }
}
