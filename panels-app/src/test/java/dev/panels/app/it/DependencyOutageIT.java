package dev.panels.app.it;

import dev.panels.emulator.common.FaultInjection;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app's own PostgreSQL stops and starts again under the running server, and Medplum goes away while audit
 * records are written: what a person sees, and that nothing acknowledged is lost (on WildFly and on Liberty).
 */
class DependencyOutageIT extends DeployedApp {

    private static final String PANEL = """
            {"name": "%s", "dataSources": ["patient"], "cohortRule": {}}""";

    @Test
    void aDatabaseOutageIs503DatabaseUnavailableAndTheSameServerServesAgainWithNothingAcknowledgedLost() throws Exception {
        TestIssuer.Token editor = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-editor");
        Api.Reply before = api().post("api/panels", editor.serialize(), PANEL.formatted("Saved before the outage"));
        assertThat(before.status()).as(before.toString()).isEqualTo(201);
        String saved = before.json().getString("id");

        IntegrationEnvironment.stopDatabase();
        try {
            Api.Reply create = api().post("api/panels", editor.serialize(), PANEL.formatted("Typed during the outage"));
            assertThat(create.status()).as(create.toString()).isEqualTo(503);
            assertThat(create.problemType()).isEqualTo("https://panels.dev/problems/database-unavailable");
            assertThat(create.header("Retry-After")).isEqualTo("5");
            assertThat(create.body()).doesNotContainIgnoringCase("exception").doesNotContain("jdbc:").doesNotContain("PSQL");

            Api.Reply list = api().get("api/panels", editor.serialize());
            assertThat(list.status()).as(list.toString()).isEqualTo(503);
            assertThat(list.problemType()).isEqualTo("https://panels.dev/problems/database-unavailable");
        } finally {
            IntegrationEnvironment.startDatabase();
        }

        // The same server process, without a restart: the pool drops its dead connections and opens new ones.
        Api.Reply again = eventually(() -> api().post("api/panels", editor.serialize(), PANEL.formatted("Saved after the outage")),
                201, Duration.ofSeconds(30));
        Api.Reply panels = api().get("api/panels", editor.serialize());
        assertThat(panels.status()).isEqualTo(200);
        assertThat(panels.body()).contains(saved).contains(again.json().getString("id")).doesNotContain("Typed during the outage");
    }

    @Test
    void aBackChannelLogoutTheDatabaseCannotRecordIsRefusedWith503NotClaimedDone() throws Exception {
        String logout = TestIssuer.logoutToken("outage-sid", "outage-subject", true, null, false);
        IntegrationEnvironment.stopDatabase();
        try {
            Api.Reply reply = api().postForm("auth/backchannel-logout", "logout_token=" + logout);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
            assertThat(reply.header("Retry-After")).isEqualTo("5");
        } finally {
            IntegrationEnvironment.startDatabase();
        }
    }

    @Test
    void auditRecordsWrittenWhileMedplumIsDownReachMedplumWhenItReturns() throws Exception {
        TestIssuer.Token editor = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-editor");
        String token = editor.serialize(); // carries a Medplum token, fetched while Medplum is up
        String id;
        Medplum.faults().update(new FaultInjection.Settings(0, 0, 503, true));
        try {
            Api.Reply created = api().post("api/panels", token, PANEL.formatted("Audited while Medplum is down"));
            assertThat(created.status()).as("panels do not need Medplum: " + created).isEqualTo(201);
            id = created.json().getString("id");
            Thread.sleep(5000); // long enough for the attempt right after commit to meet the outage
        } finally {
            Medplum.faults().reset();
        }

        // queued in the database; the retry schedule (every 10 s) writes it once Medplum is back
        Optional<AuditEvent> written = Optional.empty();
        Instant deadline = Instant.now().plusSeconds(45);
        while (written.isEmpty() && Instant.now().isBefore(deadline)) {
            written = auditEventOf(id);
            if (written.isEmpty()) {
                Thread.sleep(500);
            }
        }
        assertThat(written).as("the AuditEvent of panel %s in Medplum after the outage", id).isPresent();
        assertThat(written.get().getSubtypeFirstRep().getCode()).isEqualTo("panel.create");
        assertThat(written.get().getAgentFirstRep().getWho().getReference()).isEqualTo("Practitioner/" + editor.subject());
        Thread.sleep(11_000); // one more retry round: the export was removed from the queue, not written twice
        assertThat(auditEventsOf(id)).isEqualTo(1);
    }

    private static Optional<AuditEvent> auditEventOf(String panelId) {
        return search().getEntry().stream().map(e -> (AuditEvent) e.getResource())
                .filter(e -> e.hasEntity() && panelId.equals(e.getEntityFirstRep().getWhat().getIdentifier().getValue()))
                .findFirst();
    }

    private static long auditEventsOf(String panelId) {
        return search().getEntry().stream().map(e -> (AuditEvent) e.getResource())
                .filter(e -> e.hasEntity() && panelId.equals(e.getEntityFirstRep().getWhat().getIdentifier().getValue()))
                .count();
    }

    private static Bundle search() {
        return Medplum.Tenant.NORTHWIND.client().search().byUrl("AuditEvent?_count=1000").returnBundle(Bundle.class).execute();
    }

    private static Api.Reply eventually(java.util.function.Supplier<Api.Reply> call, int status, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        Api.Reply reply = call.get();
        while (reply.status() != status && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            reply = call.get();
        }
        assertThat(reply.status()).as("after the database came back: " + reply).isEqualTo(status);
        return reply;
    }
}
