package dev.panels.bench;

import dev.panels.local.StackSettings;
import dev.panels.testsupport.KeycloakAdmin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The cost of authentication on one endpoint: the probe resource ({@code dev.panels.bench.probe.AuthProbe}, added to a
 * copy of the shipping WAR) called with the clinician's access token through the app's whole MP-JWT chain, against the
 * same resource open, in alternating rounds at 1 and 8 clients. Then, with 8 clients still calling the protected
 * endpoint, sessions are ended in Keycloak (its admin API sends the back-channel logout to the app) and the time until
 * the app refuses each ended session's token is measured: the revocation cache must not trade that bound for speed.
 */
final class AuthOverhead {

    static final String PROTECTED = "MP-JWT-protected endpoint";
    static final String OPEN = "same endpoint unprotected";
    private static final String PROBE = "dev/panels/bench/probe/AuthProbe.class";
    private static final int REVOCATIONS = 5;
    private static final int BUSY_CLIENTS = 8;

    /**
     * Per ended session: milliseconds from the logout request to Keycloak until the app refused the session's token,
     * and how much of that Keycloak took to answer (it delivers the back-channel logout before it answers).
     */
    record Revocation(double refusedAfterMs, double keycloakAnsweredAfterMs) {
    }

    record Outcome(List<Load.Result> results, List<Revocation> revocations) {

        double maxRefusedAfterMs() {
            return revocations.stream().mapToDouble(Revocation::refusedAfterMs).max().orElse(Double.NaN);
        }

        /** The app's own share: from Keycloak's answer to the first refusal. */
        double maxAfterKeycloakAnsweredMs() {
            return revocations.stream().mapToDouble(r -> r.refusedAfterMs() - r.keycloakAnsweredAfterMs()).max().orElse(Double.NaN);
        }
    }

    private AuthOverhead() {
    }

    /** A copy of the shipping WAR with the probe class added; nothing else changes. */
    static Path warWithProbe(Path shipping, Path copy) throws IOException {
        Files.createDirectories(copy.getParent());
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(shipping));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("WEB-INF/classes/" + PROBE));
            try (InputStream probe = AuthOverhead.class.getClassLoader().getResourceAsStream(PROBE)) {
                if (probe == null) {
                    throw new IllegalStateException(PROBE + " is not on the bench's classpath");
                }
                probe.transferTo(out);
            }
            out.closeEntry();
        }
        return copy;
    }

    static Outcome compare(StackSettings settings, Clinician clinician, String keys, int requests) throws Exception {
        String probe = settings.appUrl() + "/api/bench-probe/";
        List<Load.Result> results = new ArrayList<>();
        for (int clients : List.of(1, BUSY_CLIENTS)) {
            results.addAll(Load.sideBySide(new Load.Target(PROTECTED, probe + "protected", clinician.accessToken()),
                    new Load.Target(OPEN, probe + "open", null), clients, requests, 50));
        }
        return new Outcome(results, revocationsUnderLoad(settings, clinician, keys, probe + "protected"));
    }

    private static List<Revocation> revocationsUnderLoad(StackSettings settings, Clinician busy, String keys, String url)
            throws Exception {
        KeycloakAdmin admin = new KeycloakAdmin(settings.keycloakUrl(), StackSettings.ADMIN_USER, settings.adminPassword());
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(BUSY_CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < BUSY_CLIENTS; c++) {
            clients.add(load.submit(() -> {
                while (loading.get()) {
                    Load.send(url, busy.accessToken());
                }
                return null;
            }));
        }
        List<Revocation> revocations = new ArrayList<>();
        try {
            for (int i = -1; i < REVOCATIONS; i++) { // the first, -1, warms Keycloak's admin API and back-channel call
                Clinician ended = Clinician.signIn(settings.appUrl(), settings.stytchUrl(), Bench.CLINICIAN, keys);
                expect(200, Load.send(url, ended.accessToken()), "a new session's token");
                admin.token(); // the admin's own sign-in is not part of the logout
                long t0 = System.nanoTime();
                admin.delete(StackSettings.REALM + "/sessions/" + ended.sessionId());
                long logoutReturned = System.nanoTime();
                int status;
                while ((status = Load.send(url, ended.accessToken())) == 200) {
                    if (System.nanoTime() - t0 > 10_000_000_000L) {
                        throw new IllegalStateException("an ended session's token still opened the API after 10 s");
                    }
                }
                expect(401, status, "an ended session's token");
                if (i >= 0) {
                    revocations.add(new Revocation((System.nanoTime() - t0) / 1e6, (logoutReturned - t0) / 1e6));
                }
            }
        } finally {
            loading.set(false);
            load.shutdown();
        }
        for (Future<?> client : clients) {
            client.get(); // a failed background client fails the run rather than passing unnoticed
        }
        return revocations;
    }

    private static void expect(int expected, int status, String what) {
        if (status != expected) {
            throw new IllegalStateException(what + " got HTTP " + status + " from the probe, not " + expected);
        }
    }
}
