package dev.panels.emulator.stytch;

import dev.panels.emulator.common.EmulatorServer;
import dev.panels.emulator.common.FaultInjection;
import jakarta.servlet.http.HttpServlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * A local Stytch B2B API for tests, demos and the one-command local run. Point the official SDK at it with
 * {@code new StytchB2BClient(emu.projectId(), emu.secret(), new OptionalClientConfig(emu.baseUrl()))}.
 */
public final class StytchEmulator implements AutoCloseable {

    private final EmulatorServer server;
    private final StytchStore store;

    private StytchEmulator(EmulatorServer server, StytchStore store) {
        this.server = server;
        this.store = store;
    }

    public static StytchEmulator start(StytchEmulatorConfig config) {
        Seed seed = Seed.load(config.seed());
        RedirectUrls redirectUrls = RedirectUrls.of(seed.project, config.redirectUrls());
        StytchStore store = new StytchStore(seed.project, redirectUrls, config.clock(), config.snapshot());
        if (config.snapshot() != null && Files.exists(config.snapshot())) {
            try {
                store.restore(Json.STATE.readValue(config.snapshot().toFile(), StytchStore.Snapshot.class));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Stytch emulator snapshot " + config.snapshot()
                        + ": " + e.getMessage(), e);
            }
        } else {
            store.seed(seed.organizations);
            store.changed();
            store.saveIfChanged();
        }
        EmulatorServer.Builder b = EmulatorServer.builder("Stytch emulator")
                .host(config.host()).port(config.port())
                .faults(config.faults())
                .errors(StytchErrorWriter.INSTANCE);
        route(b, () -> new MagicLinksServlet(store), "/v1/b2b/magic_links/*");
        route(b, () -> new DiscoveryServlet(store), "/v1/b2b/discovery/*");
        route(b, () -> new SessionsServlet(store), "/v1/b2b/sessions/*");
        route(b, () -> new OrganizationsServlet(store), "/v1/b2b/organizations/*");
        route(b, () -> new MembersServlet(store), "/v1/b2b/organizations/members/*");
        route(b, () -> new PasswordsServlet(store), "/v1/b2b/passwords/*");
        route(b, () -> new MfaServlet(store), "/v1/b2b/otps/*", "/v1/b2b/totp/*");
        route(b, () -> new SsoOAuthServlet(store), "/v1/b2b/sso/*", "/v1/b2b/oauth/*");
        route(b, () -> new EmulatedIdpServlet(store), "/v1/public/sso/*", "/v1/b2b/public/oauth/*");
        route(b, () -> new DevInboxServlet(store.inbox), "/dev/inbox", "/dev/inbox.json");
        route(b, NotFoundServlet::new, "/");
        return new StytchEmulator(b.start(), store);
    }

    private static void route(EmulatorServer.Builder b, Supplier<HttpServlet> servlet, String... pathSpecs) {
        for (String spec : pathSpecs) {
            b.route(spec, servlet.get());
        }
    }

    /** {@code http://host:port}, no trailing slash. */
    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    public String projectId() {
        return store.project.projectId;
    }

    public String secret() {
        return store.project.secret;
    }

    public String publicToken() {
        return store.project.publicToken;
    }

    public DevInbox inbox() {
        return store.inbox;
    }

    public FaultInjection faults() {
        return server.faults();
    }

    /** Writes the snapshot (when configured) and stops the server. */
    @Override
    public void close() {
        server.close();
        synchronized (store) {
            store.save();
        }
    }

    /** The CLI: {@code ./mvnw -pl emulators/stytch-emulator exec:java}; settings from {@link StytchEmulatorConfig#fromEnvironment()}. */
    public static void main(String[] args) throws InterruptedException {
        StytchEmulator emu = start(StytchEmulatorConfig.fromEnvironment());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emu.close();
            stopped.countDown();
        }, "stytch-emulator-shutdown"));
        System.out.println(emu.describe());
        stopped.await();
    }

    /** What a person needs to use a running emulator. */
    String describe() {
        StringBuilder b = new StringBuilder();
        b.append("Stytch B2B emulator listening on ").append(baseUrl()).append('\n')
                .append("  dev inbox:    ").append(baseUrl()).append("/dev/inbox  (JSON: /dev/inbox.json?email=...)\n")
                .append("  project_id:   ").append(projectId()).append('\n')
                .append("  secret:       ").append(secret()).append('\n')
                .append("  public_token: ").append(publicToken()).append('\n')
                .append("  seeded members (passwords and the TOTP secret are documented in the seed file):\n");
        synchronized (store) {
            for (State.Org org : store.orgs.values()) {
                b.append("    ").append(org.organizationName).append(" (").append(org.organizationSlug).append(", ")
                        .append(org.organizationId).append(")\n");
                for (State.Member m : store.membersOf(org.organizationId)) {
                    b.append("      ").append(m.emailAddress).append("  ").append(Wire.sessionRoles(m)).append('\n');
                }
            }
        }
        return b.append("Press Ctrl-C to stop.").toString();
    }
}
