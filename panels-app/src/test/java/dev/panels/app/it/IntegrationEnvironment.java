package dev.panels.app.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Starts what the servers under test talk to, once per integration-test JVM and before Arquillian
 * starts a server: a real PostgreSQL (embedded binaries, no Docker), the test token issuer's JWKS and the
 * Medplum emulator (FHIR R4 + OAuth) the app reads worklist rows from.
 * Does nothing in unit-test runs (no {@code arquillian.launch}).
 */
public final class IntegrationEnvironment implements LauncherSessionListener {

    private static EmbeddedPostgres postgres;
    private static Path postgresData;
    private TestIssuer issuer;
    private dev.panels.emulator.medplum.MedplumEmulator medplum;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("arquillian.launch") == null) {
            return;
        }
        try {
            // a data directory of our own, kept across stopDatabase/startDatabase, deleted at the end
            postgresData = Path.of("target", "it-postgres-" + System.getProperty("arquillian.launch")).toAbsolutePath();
            deleteTree(postgresData);
            startDatabase();
            issuer = TestIssuer.start(Integer.getInteger("it.issuer.port"));
            medplum = Medplum.start(Integer.getInteger("it.fhir.port"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the integration-test environment", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (issuer != null) {
            issuer.stop();
        }
        if (medplum != null) {
            medplum.close();
        }
        if (postgres != null) {
            try {
                stopDatabase();
                deleteTree(postgresData);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Stops the app's PostgreSQL as an operator would (fast shutdown: committed data stays); for the outage tests. */
    static synchronized void stopDatabase() throws IOException {
        postgres.close();
    }

    /** Starts it again on the same port and data. */
    static synchronized void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().setPort(Integer.getInteger("it.postgres.port"))
                .setDataDirectory(postgresData).setCleanDataDirectory(false).start();
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
