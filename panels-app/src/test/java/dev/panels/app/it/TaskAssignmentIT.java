package dev.panels.app.it;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Task assignment writes Task.owner in the Medplum emulator, as the caller, on the version it read. */
class TaskAssignmentIT extends DeployedApp {

    private static Task someTask(String status) {
        Bundle bundle = Medplum.Tenant.NORTHWIND.client().search().byUrl("Task?status=" + status + "&_count=1").returnBundle(Bundle.class).execute();
        return (Task) bundle.getEntryFirstRep().getResource();
    }

    private static String somePractitioner() {
        Bundle bundle = Medplum.Tenant.NORTHWIND.client().search().byUrl("Practitioner?_count=1").returnBundle(Bundle.class).execute();
        return "Practitioner/" + ((Practitioner) bundle.getEntryFirstRep().getResource()).getIdElement().getIdPart();
    }

    private static Task reread(Task task) {
        return Medplum.Tenant.NORTHWIND.client().read().resource(Task.class).withId(task.getIdElement().getIdPart()).execute();
    }

    @Test
    void assigningToOneselfSetsTheOwnerToTheCallersPractitioner() {
        String practitioner = somePractitioner();
        TestIssuer.Token token = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-viewer").fhirUser(practitioner);
        Task task = someTask("requested");
        String before = task.getMeta().getVersionId();

        Api.Reply reply = api().put("api/tasks/" + task.getIdElement().getIdPart() + "/assignment", token.serialize(), "{}", null);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getString("owner")).isEqualTo(practitioner);
        Task stored = reread(task);
        assertThat(stored.getOwner().getReference()).isEqualTo(practitioner);
        assertThat(stored.getMeta().getVersionId()).isNotEqualTo(before);
    }

    @Test
    void unassignClearsTheOwner() {
        String token = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-editor").serialize();
        Task task = someTask("ready");
        String id = task.getIdElement().getIdPart();
        assertThat(api().put("api/tasks/" + id + "/assignment", token, "{\"practitioner\": \"" + somePractitioner() + "\"}", null).status())
                .isEqualTo(200);

        Api.Reply reply = api().delete("api/tasks/" + id + "/assignment", token, null);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().containsKey("owner")).isFalse();
        assertThat(reread(task).hasOwner()).isFalse();
    }

    @Test
    void invalidPractitionerAndUnknownTaskAreClientErrors() {
        String token = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-editor").serialize();

        Api.Reply invalid = api().put("api/tasks/" + someTask("requested").getIdElement().getIdPart() + "/assignment", token,
                "{\"practitioner\": \"Patient/1\"}", null);
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
        assertThat(invalid.json().getJsonObject("errors").keySet()).contains("practitioner");

        Api.Reply missing = api().put("api/tasks/no-such-task/assignment", token, "{}", null);
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
    }

    @Test
    void aViewerCannotAssignOthersNorUnassignSomeoneElse() {
        String viewer = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-viewer").serialize();
        String editor = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-editor").serialize();
        Task task = someTask("ready");
        String id = task.getIdElement().getIdPart();
        String colleague = somePractitioner();

        Api.Reply assignOther = api().put("api/tasks/" + id + "/assignment", viewer, "{\"practitioner\": \"" + colleague + "\"}", null);
        assertThat(assignOther.status()).as(assignOther.toString()).isEqualTo(403);
        assertThat(api().put("api/tasks/" + id + "/assignment", editor, "{\"practitioner\": \"" + colleague + "\"}", null).status())
                .isEqualTo(200);
        String version = reread(task).getMeta().getVersionId();

        Api.Reply unassignOther = api().delete("api/tasks/" + id + "/assignment", viewer, null);

        assertThat(unassignOther.status()).as(unassignOther.toString()).isEqualTo(403);
        Task stored = reread(task);
        assertThat(stored.getOwner().getReference()).isEqualTo(colleague);
        assertThat(stored.getMeta().getVersionId()).isEqualTo(version);
    }

    @Test
    void anEditorCannotAssignAClinicianOfAnotherOrganization() {
        String editor = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-editor").serialize();
        Task task = someTask("requested");
        String before = task.getMeta().getVersionId();
        Bundle riverside = Medplum.Tenant.RIVERSIDE.client().search().byUrl("Practitioner?_count=1").returnBundle(Bundle.class).execute();
        String outsider = "Practitioner/" + riverside.getEntryFirstRep().getResource().getIdElement().getIdPart();

        Api.Reply reply = api().put("api/tasks/" + task.getIdElement().getIdPart() + "/assignment", editor,
                "{\"practitioner\": \"" + outsider + "\"}", null);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().getJsonObject("errors").getString("practitioner")).contains("not a clinician of your organization");
        assertThat(reread(task).getMeta().getVersionId()).isEqualTo(before);
    }

    @Test
    void auditorsCannotAssign() {
        Api.Reply reply = api().put("api/tasks/" + someTask("requested").getIdElement().getIdPart() + "/assignment",
                TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("auditor").serialize(), "{}", null);

        assertThat(reply.status()).isEqualTo(403);
    }
}
