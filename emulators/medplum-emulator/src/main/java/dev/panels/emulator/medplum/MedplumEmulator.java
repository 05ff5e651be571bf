package dev.panels.emulator.medplum;

import ca.uhn.fhir.context.FhirContext;
import dev.panels.emulator.common.EmulatorServer;
import dev.panels.emulator.common.FaultInjection;
import dev.panels.emulator.common.RsaSigningKey;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;

/**
 * A local stand-in for a Medplum server: FHIR R4 at {@code /fhir/R4}, OAuth at {@code /oauth2/token} and
 * {@code /oauth2/logout}, {@code /auth/me}, {@code /admin/projects/{id}/invite}, keys at
 * {@code /.well-known/jwks.json}, fault switches at {@code /__admin/faults}.
 */
public final class MedplumEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MedplumEmulator.class);

    private final EmulatorServer server;
    private final Directory directory;
    private final OAuthTokenServlet tokenEndpoint;
    private final TokenExchange exchange;
    private final RestHooks hooks;

    private MedplumEmulator(EmulatorServer server, Directory directory, OAuthTokenServlet tokenEndpoint, TokenExchange exchange,
                            RestHooks hooks) {
        this.server = server;
        this.hooks = hooks;
        this.directory = directory;
        this.tokenEndpoint = tokenEndpoint;
        this.exchange = exchange;
    }

    public static MedplumEmulator start(MedplumEmulatorConfig config) {
        FhirStore store = new FhirStore();
        LocalDate anchor = LocalDate.ofInstant(config.clock().instant(), ZoneOffset.UTC);
        Directory directory = Seed.load(config.seed(), config.patients(), anchor, config.keycloakUserinfoUrl(), store);
        TokenService tokens = new TokenService(RsaSigningKey.generate("medplum-emulator"), config.tokenLifetime(), config.clock());
        FhirContext fhir = FhirContext.forR4Cached();
        TokenExchange exchange = new TokenExchange(directory, tokens,
                new ExternalTokenVerifier(new OutboundPolicy(config.allowUnsafeOutbound())));
        OAuthTokenServlet tokenEndpoint = new OAuthTokenServlet(directory, tokens, exchange);
        ProjectAdminResourcesServlet projectAdmin = new ProjectAdminResourcesServlet(tokens, directory);
        RestHooks hooks = new RestHooks(store, fhir);
        EmulatorServer server = EmulatorServer.builder("medplum-emulator")
                .host(config.host())
                .port(config.port())
                .faults(config.faults())
                .errors(JsonResponses.OPERATION_OUTCOME)
                .route("/fhir/R4/*", new MedplumFhirServer(fhir, store, tokens, directory, config.clock(), hooks))
                .route("/fhir/R4/ClientApplication/*", projectAdmin)
                .route("/fhir/R4/AccessPolicy/*", projectAdmin)
                .route("/fhir/R4/ProjectMembership/*", projectAdmin)
                .route("/oauth2/token", tokenEndpoint)
                .route("/oauth2/logout", new LogoutServlet(tokens))
                .route("/auth/me", new MeServlet(tokens, directory, store, fhir))
                .route("/admin/projects/*", new InviteServlet(tokens, directory, store, config.clock()))
                .route("/.well-known/jwks.json", new JwksServlet(tokens))
                .route("/", new NotFoundServlet())
                .start();
        // Medplum's issuer is its base URL with a trailing slash; the port is known only once bound.
        tokens.issuer(server.baseUrl() + "/");
        return new MedplumEmulator(server, directory, tokenEndpoint, exchange, hooks);
    }

    /** {@code http://host:port}, no trailing slash. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** {@code baseUrl() + "/fhir/R4"}. */
    public String fhirBaseUrl() {
        return baseUrl() + "/fhir/R4";
    }

    /** The {@code iss} of every token this emulator signs ({@code baseUrl() + "/"}, as Medplum's default issuer). */
    public String issuer() {
        return baseUrl() + "/";
    }

    public int port() {
        return server.port();
    }

    /** {@code POST /oauth2/token} requests that got past the fault switches, all grants together. */
    public long tokenRequests() {
        return tokenEndpoint.requests();
    }

    /** The same for one {@code grant_type} (e.g. {@code refresh_token}). */
    public long tokenRequests(String grantType) {
        return tokenEndpoint.requests(grantType);
    }

    /** The {@code subject_token} of the most recent token-exchange request (whatever became of it), or null. */
    public String lastSubjectToken() {
        return exchange.lastSubjectToken();
    }

    /**
     * Activates or deactivates the membership with that {@code externalId} in the project, as a Medplum admin
     * would. A deactivated member's existing access tokens are refused at once and token exchange no longer finds
     * the membership.
     *
     * @throws IllegalArgumentException if the project has no such membership
     */
    public void setMembershipActive(String projectId, String externalId, boolean active) {
        directory.byExternalId(projectId, externalId)
                .orElseThrow(() -> new IllegalArgumentException("no membership with externalId " + externalId + " in " + projectId))
                .active(active);
    }

    /**
     * Adds a ClientApplication to a project for token exchange only: no secret (so no client credentials), no
     * membership of its own, and this identity provider ({@code audience} null: not checked).
     *
     * @throws IllegalArgumentException for an unknown project or a client id already taken
     */
    public void addClient(String projectId, String clientId, String userInfoUrl, boolean useSubject, String audience) {
        directory.add(new Directory.ClientApp(clientId, projectId, clientId, null, true,
                Directory.IdentityProvider.userInfo(userInfoUrl, useSubject, audience)));
    }

    /** A seeded project's admin ClientApplication (client credentials), as the README documents them. */
    public record SampleClient(String organizationId, String projectId, String clientId, String clientSecret) {
    }

    /**
     * The documented local credentials of each seeded project's admin client: what an operator of a real Medplum
     * would use to run the set-up (the local stack creates the live-update Subscriptions with them).
     */
    public static java.util.List<SampleClient> sampleClients() {
        return java.util.List.of(new SampleClient(Seed.NORTHWIND_ORG, Seed.NORTHWIND, Seed.NORTHWIND_CLIENT, Seed.NORTHWIND_SECRET),
                new SampleClient(Seed.RIVERSIDE_ORG, Seed.RIVERSIDE, Seed.RIVERSIDE_CLIENT, Seed.RIVERSIDE_SECRET));
    }

    /** For the contract tests: states that no public call arranges, such as two memberships in one project. */
    Directory directory() {
        return directory;
    }

    public FaultInjection faults() {
        return server.faults();
    }

    @Override
    public void close() {
        hooks.close();
        server.close();
    }

    public static void main(String[] args) throws InterruptedException {
        MedplumEmulatorConfig config;
        try {
            config = MedplumEmulatorConfig.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("medplum-emulator: " + e.getMessage());
            System.exit(2);
            return;
        }
        MedplumEmulator emulator = start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "medplum-emulator-shutdown"));
        System.out.println("Medplum emulator (seed " + config.seed() + ", " + config.patients() + " patients)");
        System.out.println("  FHIR R4:   " + emulator.fhirBaseUrl());
        System.out.println("  token:     " + emulator.baseUrl() + "/oauth2/token");
        System.out.println("  JWKS:      " + emulator.baseUrl() + "/.well-known/jwks.json");
        System.out.println("  me:        " + emulator.baseUrl() + "/auth/me");
        System.out.println("  invite:    " + emulator.baseUrl() + "/admin/projects/{projectId}/invite");
        System.out.println("  faults:    " + emulator.baseUrl() + EmulatorServer.ADMIN_PATH + "/faults");
        System.out.println("  userinfo for token exchange: "
                + (config.keycloakUserinfoUrl() == null ? "(not set: MEDPLUM_EMULATOR_KEYCLOAK_USERINFO_URL)" : config.keycloakUserinfoUrl())
                + (config.allowUnsafeOutbound() ? " (allowUnsafeOutbound: http and private addresses allowed)" : ""));
        for (Directory.Project p : emulator.directory.projects()) {
            System.out.println("  project " + p.id() + " (Stytch " + p.stytchOrganizationId() + ")");
        }
        for (Directory.ClientApp c : emulator.directory.clients()) {
            System.out.println("  client  " + c.id() + " -> " + c.projectId()
                    + (c.identityProvider() == null ? "" : " (token exchange, useSubject=" + c.identityProvider().useSubject() + ")"));
        }
        LOG.info("client secrets are the documented local ones (see the module README)");
        stopped.await();
    }

    /** Everything outside the routes answers 404 in Medplum's OperationOutcome form. */
    private static final class NotFoundServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            JsonResponses.write(resp, 404, JsonResponses.outcome("error", "not-found", "Not found"));
        }
    }
}
