package dev.panels.emulator.medplum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.panels.emulator.medplum.TokenRequests.NORTHWIND_CLIENT;
import static dev.panels.emulator.medplum.TokenRequests.NORTHWIND_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Medplum's own TypeScript client ({@code @medplum/core}, pinned with its integrity hash in
 * {@code src/test/medplum-client/package-lock.json}) signs in to the stand-in with client credentials, searches,
 * and exchanges a Keycloak token, as this system does. Needs Node.js (20.19 or later) and the npm registry, or
 * npm's cache once it has been filled; without them the test fails, it does not skip.
 */
class MedplumClientCompatibilityTest {

    private static final Path SOURCE = Path.of("src/test/medplum-client");
    private static final Path WORK = Path.of("target/medplum-client");

    private static FakeUserInfo userInfo;
    private static MedplumEmulator medplum;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "check.mjs")) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        // npm ci installs exactly the lock file (integrity-checked) and runs no install scripts.
        run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline"), 300);
        userInfo = new FakeUserInfo();
        // The system clock: the client compares token expiry with the real time.
        medplum = MedplumEmulator.start(MedplumEmulatorConfig.builder().port(0).seed(8).patients(20)
                .keycloakUserinfoUrl(userInfo.url()).allowUnsafeOutbound(true).build());
    }

    @AfterAll
    static void stop() {
        if (medplum != null) {
            medplum.close();
        }
        if (userInfo != null) {
            userInfo.close();
        }
    }

    @Test
    void medplumsClientSignsInSearchesAndExchangesAgainstTheStandIn() throws Exception {
        String out = run(List.of("node", "check.mjs", medplum.baseUrl() + "/", NORTHWIND_CLIENT, NORTHWIND_SECRET, "kc-ada"), 60);
        String[] lines = out.strip().split("\n");
        JsonNode seen = new ObjectMapper().readTree(lines[lines.length - 1]);

        assertThat(seen.path("clientLogin").path("profile").asText()).isEqualTo("ClientApplication/" + NORTHWIND_CLIENT);
        assertThat(seen.path("clientLogin").path("project").asText()).isEqualTo("medplum-project-northwind");
        assertThat(seen.path("patients")).hasSize(5).allSatisfy(p -> assertThat(p.asText()).startsWith("Patient/"));
        String adaProfile = TokenRequests.profile(TokenRequests.exchange(medplum, NORTHWIND_CLIENT, "kc-ada"));
        assertThat(seen.path("exchange").path("profile").asText()).isEqualTo(adaProfile);
        assertThat(seen.path("exchange").path("project").asText()).isEqualTo("medplum-project-northwind");
        assertThat(seen.path("exchange").path("membership").asText()).isNotBlank();
    }

    /** Runs a command in {@link #WORK}; its output, or an assertion failure that shows it. */
    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile(WORK.toAbsolutePath(), "run", ".log");
        Process process = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        // Node echoes the offending (minified, very long) source line: the end of the output is what explains.
        String tail = out.length() > 3000 ? "..." + out.substring(out.length() - 3000) : out;
        assertThat(done).as("%s finished within %d s; output:%n%s", command, timeoutSeconds, tail).isTrue();
        assertThat(process.exitValue()).as("%s exit code; output:%n%s", command, tail).isZero();
        return out;
    }
}
