package dev.panels.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panels.local.ComposeFile.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml mounts files the build makes (`./mvnw install -DskipTests`). Runs after `package`, so each
 * mounted output must now exist, be the right kind of thing, and hold what the container will look for in it.
 */
class ComposeBuildOutputsIT {

    /** What the container needs inside each mounted archive. */
    private static final Map<String, String> ARCHIVE_ENTRIES = Map.of(
            "./keycloak-stytch-idp/target/keycloak-stytch-idp.jar",
            "META-INF/services/org.keycloak.broker.provider.IdentityProviderFactory",
            "./panels-app/target/panels.war", "WEB-INF/classes/dev/panels/app/PanelsConfig.class",
            "./local-stack/target/runtime/artifacts/postgresql.jar", "org/postgresql/Driver.class",
            "./medplum-bootstrap/target/medplum-bootstrap.jar", "dev/panels/bootstrap/MedplumBootstrap.class");

    @Test
    void everyMountedArchiveIsBuiltAndHoldsWhatItsContainerLoads() throws IOException {
        ComposeFile compose = ComposeFile.load();
        List<Mount> archives = compose.buildOutputMounts().stream().filter(m -> m.source().matches(".*\\.(jar|war)")).toList();
        assertThat(archives).extracting(Mount::source).containsOnlyElementsOf(ARCHIVE_ENTRIES.keySet())
                .containsAll(ARCHIVE_ENTRIES.keySet());
        for (Mount mount : archives) {
            assertThat(mount.path()).as(mount.service() + " mounts " + mount.source()).isRegularFile();
            try (JarFile jar = new JarFile(mount.path().toFile())) {
                assertThat(jar.getEntry(ARCHIVE_ENTRIES.get(mount.source()))).as(mount.source()).isNotNull();
                if (compose.command(mount.service()).contains("-jar")) {
                    String main = jar.getManifest().getMainAttributes().getValue("Main-Class");
                    assertThat(main).as(mount.source() + " runs with java -jar").isNotNull();
                    assertThat(jar.getEntry(main.replace('.', '/') + ".class")).as(main).isNotNull();
                }
            }
        }
    }

    @Test
    void everyMountedEmulatorDirectoryHoldsTheMainClassItsCommandRuns() throws IOException {
        ComposeFile compose = ComposeFile.load();
        List<Mount> directories = compose.buildOutputMounts().stream().filter(m -> m.source().endsWith("/target/app")).toList();
        assertThat(directories).extracting(Mount::service).containsExactlyInAnyOrder("stytch-emulator", "medplum-emulator");
        for (Mount mount : directories) {
            List<String> command = compose.command(mount.service());
            String mainClass = command.get(command.size() - 1).replace('.', '/') + ".class";
            assertThat(mount.path()).isDirectory();
            assertThat(jarsIn(mount.path())).as(mount.source() + " holds " + mainClass)
                    .anySatisfy(jar -> assertThat(entry(jar, mainClass)).isTrue());
        }
    }

    private static List<Path> jarsIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".jar")).toList();
        }
    }

    private static boolean entry(Path jar, String name) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(name) != null;
        }
    }
}
