package dev.panels.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FreshStartTest {

    @Test
    void resetsEveryPartOfAStackLeftByAnEarlierRunAndSaysWhat(@TempDir Path dir) throws Exception {
        Path runtime = dir.resolve("runtime");
        Path state = dir.resolve("run-local");
        // What an earlier run stopped with Ctrl-C leaves: a PostgreSQL data folder with its pid file, Keycloak's
        // database, the emulator's state; and the places older launchers wrote to inside the shared runtime.
        Files.createDirectories(state.resolve("postgres-data"));
        Files.writeString(state.resolve("postgres-data/postmaster.pid"), "4242");
        Files.createDirectories(state.resolve("keycloak"));
        Files.writeString(state.resolve("keycloak/keycloakdb.mv.db"), "h2");
        Files.writeString(state.resolve("stytch-emulator-state.json"), "{}");
        Files.createDirectories(runtime.resolve(KeycloakRuntime.DIST).resolve("data/h2"));
        Files.createDirectories(runtime.resolve("postgres-data"));
        Files.createDirectories(runtime.resolve("wlp/usr/servers/panels/workarea"));
        Files.createDirectories(runtime.resolve("artifacts"));
        Files.writeString(runtime.resolve("artifacts/panels-app.war"), "war");
        StackSettings settings = StackSettings.parse(new String[] {"--fresh"}, Map.of(), runtime, state, dir);

        List<String> reset = FreshStart.reset(settings);

        assertThat(state).doesNotExist();
        assertThat(runtime.resolve(KeycloakRuntime.DIST).resolve("data/h2")).doesNotExist();
        assertThat(runtime.resolve("postgres-data")).doesNotExist();
        assertThat(runtime.resolve("wlp/usr/servers/panels")).doesNotExist();
        assertThat(runtime.resolve("artifacts/panels-app.war")).as("build outputs stay").exists();
        assertThat(reset).hasSize(4).anySatisfy(line -> assertThat(line).contains(state.toString()));
        assertThat(FreshStart.reset(settings)).containsExactly("nothing (no state yet)");
    }
}
