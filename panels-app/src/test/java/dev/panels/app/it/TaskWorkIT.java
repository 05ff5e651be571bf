package dev.panels.app.it;

import jakarta.json.JsonObject;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notes and status changes on a Task, through the app into the Medplum emulator, with the permission rules
 * (viewers work on their own Tasks, editors on anyone's) enforced on the server. Each test works on a Task it
 * creates itself.
 */
class TaskWorkIT extends DeployedApp {

    private static final Medplum.Tenant NORTHWIND = Medplum.Tenant.NORTHWIND;

    private static String first(String type) {
        Bundle bundle = NORTHWIND.client().search().byUrl(type + "?_count=1").returnBundle(Bundle.class).execute();
        return type + "/" + bundle.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    /** A new Task of a Northwind patient, optionally assigned. */
    private static String newTask(Task.TaskStatus status, String owner) {
        Task task = new Task().setStatus(status).setIntent(Task.TaskIntent.ORDER).setDescription("Call back about lab results")
                .setFor(new Reference(first("Patient")));
        if (owner != null) {
            task.setOwner(new Reference(owner));
        }
        return NORTHWIND.client().create().resource(task).execute().getId().getIdPart();
    }

    private static Task stored(String id) {
        return NORTHWIND.client().read().resource(Task.class).withId(id).execute();
    }

    private static TestIssuer.Token viewer(String practitioner) {
        return TestIssuer.token().in(NORTHWIND).groups("panels-viewer").fhirUser(practitioner);
    }

    private static String editor() {
        return TestIssuer.token().in(NORTHWIND).groups("panels-editor").fhirUser(first("Practitioner")).serialize();
    }

    @Test
    void aNoteIsAppendedInMedplumSignedByTheCallerAndReadBackAsPlainText() {
        String id = newTask(Task.TaskStatus.READY, null);
        TestIssuer.Token viewer = viewer(first("Practitioner"));
        String hostile = "<img src=x onerror=alert(1)> called, no answer";

        Api.Reply added = api().post("api/tasks/" + id + "/notes", viewer.serialize(), "{\"text\": " + jsonString(hostile) + "}");

        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        Task task = stored(id);
        assertThat(task.getNote()).hasSize(1);
        assertThat(task.getNoteFirstRep().getText()).isEqualTo(hostile);
        assertThat(task.getNoteFirstRep().getAuthorReference().getReference()).isEqualTo(viewer.fhirUser());
        assertThat(task.getNoteFirstRep().hasTime()).isTrue();
        JsonObject read = api().get("api/tasks/" + id, viewer.serialize()).json();
        assertThat(read.getJsonArray("notes").getJsonObject(0).getString("text")).isEqualTo(hostile);
        assertThat(read.getJsonArray("notes").getJsonObject(0).getString("author")).startsWith(viewer.subject());
    }

    @Test
    void anEmptyOrOverlongNoteIsRefusedAndTheTaskKeepsItsVersion() {
        String id = newTask(Task.TaskStatus.READY, null);
        String version = stored(id).getMeta().getVersionId();
        String token = editor();

        for (String body : List.of("{\"text\": \"   \"}", "{}", "{\"text\": \"" + "x".repeat(2001) + "\"}", "[1]")) {
            Api.Reply reply = api().post("api/tasks/" + id + "/notes", token, body);
            assertThat(reply.status()).as(body + " → " + reply).isEqualTo(400);
            assertThat(reply.contentType()).contains("problem+json");
        }
        assertThat(stored(id).getMeta().getVersionId()).isEqualTo(version);
    }

    @Test
    void theStatusMovesAlongAllowedTransitionsOnly() {
        String id = newTask(Task.TaskStatus.READY, null);
        String token = editor();

        Api.Reply started = api().put("api/tasks/" + id + "/status", token, "{\"status\": \"in-progress\"}", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(stored(id).getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
        String version = stored(id).getMeta().getVersionId();

        Api.Reply backwards = api().put("api/tasks/" + id + "/status", token, "{\"status\": \"requested\"}", null);
        assertThat(backwards.status()).as(backwards.toString()).isEqualTo(400);
        assertThat(backwards.json().getJsonObject("errors").getString("status"))
                .contains("in-progress task cannot become requested").contains("completed").contains("on-hold");
        Api.Reply unknown = api().put("api/tasks/" + id + "/status", token, "{\"status\": \"done\"}", null);
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(stored(id).getMeta().getVersionId()).isEqualTo(version);

        JsonObject read = api().get("api/tasks/" + id, token).json();
        assertThat(read.getJsonArray("statusChoices").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString))
                .containsExactly("cancelled", "completed", "entered-in-error", "failed", "on-hold");
    }

    @Test
    void aViewerChangesTheStatusOfTheirOwnTaskButNotOfSomeoneElses() {
        List<String> practitioners = NORTHWIND.client().search().byUrl("Practitioner?_count=2").returnBundle(Bundle.class).execute()
                .getEntry().stream().map(e -> "Practitioner/" + e.getResource().getIdElement().getIdPart()).toList();
        String mine = newTask(Task.TaskStatus.READY, practitioners.get(0));
        String colleagues = newTask(Task.TaskStatus.READY, practitioners.get(1));
        String unassigned = newTask(Task.TaskStatus.READY, null);
        String viewer = viewer(practitioners.get(0)).serialize();

        assertThat(api().put("api/tasks/" + mine + "/status", viewer, "{\"status\": \"in-progress\"}", null).status()).isEqualTo(200);
        for (String other : List.of(colleagues, unassigned)) {
            String version = stored(other).getMeta().getVersionId();
            Api.Reply refused = api().put("api/tasks/" + other + "/status", viewer, "{\"status\": \"in-progress\"}", null);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.json().getString("detail")).contains("task:status-others");
            assertThat(stored(other).getMeta().getVersionId()).isEqualTo(version);
            assertThat(api().get("api/tasks/" + other, viewer).json().getJsonObject("may").getBoolean("changeStatus")).isFalse();
        }
        assertThat(api().get("api/tasks/" + mine, viewer).json().getJsonObject("may").getBoolean("changeStatus")).isTrue();
    }

    @Test
    void theDetailNamesThePatientAndTheOwner() {
        String owner = first("Practitioner");
        String id = newTask(Task.TaskStatus.REQUESTED, owner);
        Practitioner practitioner = NORTHWIND.client().read().resource(Practitioner.class).withId(owner.substring(13)).execute();
        Patient patient = NORTHWIND.client().read().resource(Patient.class).withId(first("Patient").substring(8)).execute();

        JsonObject read = api().get("api/tasks/" + id, editor()).json();

        assertThat(read.getString("owner")).isEqualTo(owner);
        assertThat(read.getString("ownerName")).contains(practitioner.getNameFirstRep().getFamily());
        assertThat(read.getString("patientName")).contains(patient.getNameFirstRep().getFamily());
        assertThat(read.getString("description")).isEqualTo("Call back about lab results");
        assertThat(read.getString("status")).isEqualTo("requested");
    }

    @Test
    void anotherOrganizationsMemberCannotReadOrChangeTheTask() {
        String id = newTask(Task.TaskStatus.READY, null);
        String version = stored(id).getMeta().getVersionId();
        String riverside = TestIssuer.token().in(Medplum.Tenant.RIVERSIDE).groups("panels-admin").serialize();

        assertThat(api().get("api/tasks/" + id, riverside).status()).isEqualTo(404);
        assertThat(api().post("api/tasks/" + id + "/notes", riverside, "{\"text\": \"hello\"}").status()).isEqualTo(404);
        assertThat(api().put("api/tasks/" + id + "/status", riverside, "{\"status\": \"in-progress\"}", null).status()).isEqualTo(404);
        assertThat(stored(id).getMeta().getVersionId()).isEqualTo(version);
    }

    @Test
    void auditorsNeitherReadNorChangeTasks() {
        String id = newTask(Task.TaskStatus.READY, null);
        String auditor = TestIssuer.token().in(NORTHWIND).groups("auditor").serialize();

        assertThat(api().get("api/tasks/" + id, auditor).status()).isEqualTo(403);
        assertThat(api().post("api/tasks/" + id + "/notes", auditor, "{\"text\": \"hello\"}").status()).isEqualTo(403);
        assertThat(stored(id).hasNote()).isFalse();
    }

    @Test
    void myTasksListsOnlyTheCallersTasksWithWhoTheyAreAssignedTo() {
        List<String> practitioners = NORTHWIND.client().search().byUrl("Practitioner?_count=2").returnBundle(Bundle.class).execute()
                .getEntry().stream().map(e -> "Practitioner/" + e.getResource().getIdElement().getIdPart()).toList();
        String mine = newTask(Task.TaskStatus.ONHOLD, practitioners.get(1));
        newTask(Task.TaskStatus.ONHOLD, practitioners.get(0));
        String token = TestIssuer.token().in(NORTHWIND).groups("panels-editor").fhirUser(practitioners.get(1)).serialize();
        String panel = api().post("api/panels", token, """
                {"name": "On hold", "dataSources": ["task", "patient"], "cohortRule": {"task": {"status": "on-hold"}}}""")
                .json().getString("id");

        Api.Reply rows = api().get("api/panels/" + panel + "/rows?type=task&size=100&mine=true", token);

        assertThat(rows.status()).as(rows.toString()).isEqualTo(200);
        List<JsonObject> listed = rows.json().getJsonArray("rows").getValuesAs(JsonObject.class);
        assertThat(listed).extracting(r -> r.getString("id")).contains(mine);
        assertThat(listed).allSatisfy(r -> assertThat(r.getJsonObject("assignedTo").getString("reference")).isEqualTo(practitioners.get(1)));
        Practitioner me = NORTHWIND.client().read().resource(Practitioner.class).withId(practitioners.get(1).substring(13)).execute();
        assertThat(listed.get(0).getJsonObject("assignedTo").getString("name")).contains(me.getNameFirstRep().getFamily());
        Api.Reply all = api().get("api/panels/" + panel + "/rows?type=task&size=100", token);
        assertThat(all.json().getJsonArray("rows").getValuesAs(JsonObject.class)).extracting(r -> r.containsKey("assignedTo")
                ? r.getJsonObject("assignedTo").getString("reference") : "").contains(practitioners.get(0));

        assertThat(api().get("api/panels/" + panel + "/rows?type=patient&mine=true", token).status()).isEqualTo(400);
        assertThat(api().get("api/panels/" + panel + "/rows?type=task&mine=yes", token).status()).isEqualTo(400);
    }

    private static String jsonString(String value) {
        return jakarta.json.Json.createValue(value).toString();
    }
}
