package dev.panels.app.it;

import jakarta.json.JsonValue;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One organization, one clinical tenant: clinical calls run only with a Medplum token of the project the app maps to
 * the token's organization. Written as the attacker: a Riverside member whose token carries Northwind's Medplum
 * access (what a Keycloak configured with the wrong Medplum client would issue).
 */
class ClinicalTenantIT extends DeployedApp {

    private static final String MISMATCH = "https://panels.dev/problems/clinical-tenant-mismatch";

    private String patientPanel(String token) {
        Api.Reply created = api().post("api/panels", token, "{\"name\": \"Tenant check\", \"dataSources\": [\"patient\", \"task\"]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getString("id");
    }

    @Test
    void aTokenCarryingAnotherOrganizationsMedplumProjectIsRefusedForEveryClinicalCall() throws InterruptedException {
        TestIssuer.Token attacker = TestIssuer.token().in(Medplum.Tenant.RIVERSIDE).medplumOf(Medplum.Tenant.NORTHWIND)
                .groups("panels-editor");
        String token = attacker.serialize();
        String panel = patientPanel(token);
        Task northwindTask = (Task) Medplum.Tenant.NORTHWIND.client().search().byUrl("Task?status=requested&_count=1")
                .returnBundle(Bundle.class).execute().getEntryFirstRep().getResource();

        List<Api.Reply> replies = List.of(
                api().get("api/panels/" + panel + "/rows?type=patient", token),
                api().get("api/panels/" + panel + "/counts", token),
                api().put("api/tasks/" + northwindTask.getIdElement().getIdPart() + "/assignment", token, "{}", null));

        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
            assertThat(reply.problemType()).isEqualTo(MISMATCH);
            assertThat(reply.body()).doesNotContain(attacker.medplumToken());
        });
        assertThat(Medplum.Tenant.NORTHWIND.client().read().resource(Task.class).withId(northwindTask.getIdElement().getIdPart())
                .execute().getMeta().getVersionId()).as("the Northwind task is untouched").isEqualTo(northwindTask.getMeta().getVersionId());
        assertThat(api().get("api/me", token).json().getBoolean("clinicalData")).isFalse();
        assertThat(api().get("api/panels/" + panel, token).status()).as("panels keep working").isEqualTo(200);

        // The audit sink does not write the attacker's records into Northwind's Medplum either. A Northwind member's
        // record, written after the attacker's, shows the sink has run past them.
        TestIssuer.Token member = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-editor");
        String memberPanel = patientPanel(member.serialize());
        assertThat(auditEventFor(memberPanel, 300)).as("the Northwind member's AuditEvent").isPresent();
        assertThat(auditEventFor(panel, 1)).as("an AuditEvent of the attacker's panel in Northwind").isEmpty();
    }

    @Test
    void aRiversideMemberReadsRiversidePatientsOnly() {
        String token = TestIssuer.token().in(Medplum.Tenant.RIVERSIDE).groups("panels-viewer").serialize();
        String editor = TestIssuer.token().in(Medplum.Tenant.RIVERSIDE).groups("panels-editor").serialize();
        String panel = patientPanel(editor);
        api().put("api/panels/" + panel + "/sharing", editor, "[{\"principal\": \"*\", \"level\": \"viewer\"}]", null);

        Api.Reply reply = api().get("api/panels/" + panel + "/rows?type=patient&size=50", token);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        Set<String> shown = reply.json().getJsonArray("rows").stream()
                .map(JsonValue::asJsonObject).map(r -> r.getString("id")).collect(Collectors.toSet());
        Set<String> riverside = Medplum.Tenant.RIVERSIDE.client().search().byUrl("Patient?_count=1000&_elements=id")
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> ((Patient) e.getResource()).getIdElement().getIdPart()).collect(Collectors.toSet());
        assertThat(shown).isNotEmpty().isSubsetOf(riverside);
    }

    @Test
    void anOrganizationWithoutAMappedProjectHasNoClinicalDataWhateverItsTokenCarries() {
        String token = TestIssuer.token().medplumOf(Medplum.Tenant.NORTHWIND).groups("panels-editor").serialize();
        String panel = patientPanel(token);

        Api.Reply reply = api().get("api/panels/" + panel + "/rows", token);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.problemType()).isEqualTo("https://panels.dev/problems/clinical-data-unavailable");
        assertThat(reply.json().getString("detail")).contains("No clinical data is set up for your organization");
    }

    @Test
    void aMedplumTokenKeycloakDidNotSealIsNoClinicalAccess() {
        String token = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).unsealedMedplumToken().groups("panels-editor").serialize();
        String panel = patientPanel(token);

        Api.Reply reply = api().get("api/panels/" + panel + "/rows", token);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.problemType()).isEqualTo("https://panels.dev/problems/clinical-data-unavailable");
    }

    /** The AuditEvent Northwind's Medplum holds for a panel, looking {@code tries} times 100 ms apart. */
    private static Optional<AuditEvent> auditEventFor(String panelId, int tries) throws InterruptedException {
        for (int i = 0; i < tries; i++) {
            Optional<AuditEvent> found = Medplum.Tenant.NORTHWIND.client().search().byUrl("AuditEvent?_count=1000")
                    .returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (AuditEvent) e.getResource())
                    .filter(e -> e.hasEntity() && panelId.equals(e.getEntityFirstRep().getWhat().getIdentifier().getValue()))
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }
}
