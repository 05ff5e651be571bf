package dev.panels.keycloak.medplum.client;

import dev.panels.emulator.common.EmulatorServer;
import dev.panels.emulator.common.FaultInjection;
import dev.panels.emulator.common.MutableClock;
import dev.panels.emulator.medplum.MedplumEmulator;
import dev.panels.emulator.medplum.MedplumEmulatorConfig;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mapper's Medplum client against the real Medplum emulator (and a stand-in Keycloak userinfo endpoint). */
class MedplumTokenClientTest {

    private static final String ADA_MEMBER = "member-test-11111111-aaaa-4aaa-8aaa-000000000001";
    /** Ada's Keycloak user id in realm panels: her Northwind ProjectMembership's externalId in the stand-in's seed. */
    private static final String ADA_SUB = "11669995-aa48-58a4-bbdb-36a437d42181";
    private static final String SYSTEM = "https://panels.dev/practitioner";

    private static EmulatorServer userinfo;
    private static MedplumEmulator medplum;
    private static MedplumTokenClient client;

    @BeforeAll
    static void start() {
        userinfo = EmulatorServer.builder("test-userinfo").port(0)
                .errors((resp, status, type, msg) -> resp.sendError(status))
                .route("/userinfo", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        if (!"Bearer keycloak-token-for-ada".equals(req.getHeader("Authorization"))) {
                            resp.setStatus(401);
                            return;
                        }
                        resp.setContentType("application/json");
                        resp.getWriter().write("{\"sub\":\"" + ADA_SUB + "\",\"email\":\"ada.admin@northwind.example\"}");
                    }
                }).start();
        medplum = MedplumEmulator.start(MedplumEmulatorConfig.builder().port(0).seed(3).patients(20)
                .keycloakUserinfoUrl(userinfo.baseUrl() + "/userinfo").allowUnsafeOutbound(true).build());
        client = new MedplumTokenClient(medplum.baseUrl(), Duration.ofSeconds(5), 3, Duration.ofSeconds(30), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        medplum.close();
        userinfo.close();
    }

    @Test
    void clientCredentialsGivesTheOrganizationsProjectToken() throws Exception {
        MedplumToken token = client.clientCredentials("riverside-panels-client", "riverside-local-secret-not-for-production");

        assertThat(token.projectId()).isEqualTo("medplum-project-riverside");
        assertThat(token.refreshToken()).isNull();
        assertThat(token.profile()).isEqualTo("ClientApplication/riverside-panels-client");
        assertThat(token.toString()).doesNotContain(token.accessToken());
    }

    @Test
    void aWrongSecretIsReportedWithoutTheSecret() {
        assertThatThrownBy(() -> client.clientCredentials("northwind-panels-client", "s3cr3t-guess"))
                .isInstanceOf(MedplumException.class)
                .hasMessageContaining("Invalid secret")
                .hasMessageNotContaining("s3cr3t-guess");
    }

    @Test
    void tokenExchangeThenRotatingRefresh() throws Exception {
        MedplumToken exchanged = client.exchange("northwind-panels-client", "keycloak-token-for-ada");
        assertThat(exchanged.projectId()).isEqualTo("medplum-project-northwind");
        assertThat(exchanged.profile()).startsWith("Practitioner/");

        MedplumToken refreshed = client.refresh(exchanged.refreshToken());
        assertThat(refreshed.refreshToken()).isNotEqualTo(exchanged.refreshToken());
        assertThat(refreshed.profile()).isEqualTo(exchanged.profile());
        assertThatThrownBy(() -> client.refresh(exchanged.refreshToken()))
                .isInstanceOf(MedplumException.class).hasMessageContaining("invalid_grant");

        assertThatThrownBy(() -> client.exchange("northwind-panels-client", "a-token-keycloak-never-issued"))
                .isInstanceOf(MedplumException.class).hasMessageContaining("HTTP 400");
    }

    @Test
    void theClientDecidesTheProjectAndAMemberOfNoneOfItsMembershipsIsNotFound() {
        // Ada has no Riverside membership: Riverside's client cannot give her a token, whatever she asks for.
        assertThatThrownBy(() -> client.exchange("riverside-panels-client", "keycloak-token-for-ada"))
                .isInstanceOf(MedplumException.class).hasMessageContaining("HTTP 400").hasMessageContaining("User not found");
    }

    @Test
    void practitionerIsFoundByMemberIdOrCreatedOnce() throws Exception {
        MedplumToken exchanged = client.exchange("northwind-panels-client", "keycloak-token-for-ada");
        String ada = client.findOrCreatePractitioner(exchanged.accessToken(), SYSTEM, ADA_MEMBER, "Ada Admin", "ada.admin@northwind.example");
        // The seeded Medplum membership profile carries the same identifier: one Practitioner per member.
        assertThat(ada).isEqualTo(exchanged.profile());

        MedplumToken org = client.clientCredentials("northwind-panels-client", "northwind-local-secret-not-for-production");
        String created = client.findOrCreatePractitioner(org.accessToken(), SYSTEM, "member-test-new-1", "New Person", null);
        String again = client.findOrCreatePractitioner(org.accessToken(), SYSTEM, "member-test-new-1", "New Person", null);
        assertThat(created).startsWith("Practitioner/").isEqualTo(again).isNotEqualTo(ada);
    }

    @Test
    void medplumDownOrUnreachableIsAClearFailure() throws Exception {
        medplum.faults().update(new FaultInjection.Settings(0, 0, 503, true));
        try {
            assertThatThrownBy(() -> client.clientCredentials("northwind-panels-client", "northwind-local-secret-not-for-production"))
                    .isInstanceOf(MedplumException.class).hasMessageContaining("HTTP 503");
        } finally {
            medplum.faults().reset();
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MedplumTokenClient nowhere = new MedplumTokenClient("http://127.0.0.1:" + closedPort, Duration.ofSeconds(2), 3, Duration.ofSeconds(30), Clock.systemUTC());
        assertThatThrownBy(() -> nowhere.clientCredentials("x", "y"))
                .isInstanceOf(MedplumException.class).hasMessageContaining("did not answer");
    }

    @Test
    void afterThreeFailuresInARowCallsPauseWithoutReachingMedplumThenATrialGoesThrough() {
        MutableClock clock = new MutableClock();
        MedplumTokenClient paused = new MedplumTokenClient(medplum.baseUrl(), Duration.ofSeconds(5), 3, Duration.ofSeconds(30), clock);
        medplum.faults().update(new FaultInjection.Settings(0, 0, 503, true));
        try {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> paused.clientCredentials("northwind-panels-client", "northwind-local-secret-not-for-production"))
                        .hasMessageContaining("HTTP 503");
            }
        } finally {
            medplum.faults().reset();
        }
        long requestsBefore = medplum.tokenRequests();

        // Medplum is healthy again, but the breaker is open: the call fails at once and never reaches it.
        assertThatThrownBy(() -> paused.clientCredentials("northwind-panels-client", "northwind-local-secret-not-for-production"))
                .isInstanceOf(MedplumException.class).hasMessageContaining("paused").hasMessageContaining("HTTP 503");
        assertThat(medplum.tokenRequests()).isEqualTo(requestsBefore);

        clock.advance(Duration.ofSeconds(31));
        assertThatCode(() -> paused.clientCredentials("northwind-panels-client", "northwind-local-secret-not-for-production"))
                .doesNotThrowAnyException();
        assertThat(medplum.tokenRequests()).isEqualTo(requestsBefore + 1);
    }

    @Test
    void refusalsAreAnswersAndNeverPauseCalls() throws Exception {
        MedplumTokenClient strict = new MedplumTokenClient(medplum.baseUrl(), Duration.ofSeconds(5), 3, Duration.ofSeconds(30), new MutableClock());
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> strict.clientCredentials("northwind-panels-client", "wrong-secret")).hasMessageContaining("HTTP 400");
        }
        assertThat(strict.clientCredentials("northwind-panels-client", "northwind-local-secret-not-for-production").accessToken()).isNotBlank();
    }
}
