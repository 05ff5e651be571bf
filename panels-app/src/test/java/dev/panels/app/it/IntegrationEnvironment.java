package dev.panels.app.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Starts what the servers under test talk to, once per integration-test JVM and before Arquillian
 * starts a server: a real PostgreSQL (embedded binaries, no Docker), the test token issuer's JWKS and the
 * Medplum emulator (FHIR R4 + OAuth) the app reads worklist rows from.
 * Does nothing in unit-test runs (no {@code arquillian.launch}).
 */
public final class IntegrationEnvironment implements LauncherSessionListener {

    private EmbeddedPostgres postgres;
    private TestIssuer issuer;
    private dev.panels.emulator.medplum.MedplumEmulator medplum;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("arquillian.launch") == null) {
            return;
        }
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(Integer.getInteger("it.postgres.port"))
                    .start();
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
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
