package dev.panels.app.it;

import jakarta.json.JsonObject;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A row's detail pane: all the panel's columns for it (hidden ones too) and its related resources, within the panel's cohort only. */
class RowDetailIT extends DeployedApp {

    private static final Medplum.Tenant NORTHWIND = Medplum.Tenant.NORTHWIND;

    private String panel(String token) {
        String id = api().post("api/panels", token, """
                {"name": "Women", "dataSources": ["patient", "task"], "cohortRule": {"patient": {"gender": "female"}}}""")
                .json().getString("id");
        for (String column : List.of("""
                {"key": "family", "label": "Family", "type": "text", "rowType": "patient", "expression": "Patient.name.first().family"}""", """
                {"key": "birth", "label": "Born", "type": "date", "rowType": "patient", "expression": "Patient.birthDate", "hidden": true}""")) {
            Api.Reply created = api().post("api/panels/" + id + "/columns", token, column);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }
        return id;
    }

    private static Patient first(String gender) {
        return (Patient) NORTHWIND.client().search().byUrl("Patient?gender=" + gender + "&_count=1").returnBundle(Bundle.class).execute()
                .getEntryFirstRep().getResource();
    }

    @Test
    void aPatientsDetailHasEveryColumnAndTheirOpenTasksAndUpcomingAppointments() {
        String token = TestIssuer.token().in(NORTHWIND).groups("panels-editor").serialize();
        String panel = panel(token);
        Patient patient = first("female");
        String id = patient.getIdElement().getIdPart();

        Api.Reply reply = api().get("api/panels/" + panel + "/rows/patient/" + id, token);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject detail = reply.json();
        List<JsonObject> fields = detail.getJsonArray("fields").getValuesAs(JsonObject.class);
        assertThat(fields).extracting(f -> f.getString("key")).containsExactly("family", "birth");
        assertThat(fields.get(0).getString("value")).isEqualTo(patient.getNameFirstRep().getFamily());
        assertThat(fields.get(1).getBoolean("shownInTable")).isFalse();
        assertThat(fields.get(1).getString("value")).isEqualTo(patient.getBirthDateElement().getValueAsString());

        List<String> open = NORTHWIND.client().search().byUrl("Task?patient=Patient/" + id
                        + "&status=draft,requested,received,accepted,ready,in-progress,on-hold&_count=10").returnBundle(Bundle.class).execute()
                .getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
        assertThat(detail.getJsonObject("related").getJsonArray("openTasks").getValuesAs(JsonObject.class))
                .extracting(t -> t.getString("id")).containsExactlyInAnyOrderElementsOf(open);
        List<String> upcoming = NORTHWIND.client().search().byUrl("Appointment?patient=Patient/" + id + "&date=ge"
                        + LocalDate.now(ZoneOffset.UTC) + "&_count=10").returnBundle(Bundle.class).execute()
                .getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
        assertThat(detail.getJsonObject("related").getJsonArray("upcomingAppointments").getValuesAs(JsonObject.class))
                .extracting(a -> a.getString("id")).containsExactlyInAnyOrderElementsOf(upcoming);
    }

    @Test
    void aTasksDetailNamesItsPatient() {
        String token = TestIssuer.token().in(NORTHWIND).groups("panels-editor").serialize();
        String panel = panel(token);
        Task task = (Task) NORTHWIND.client().search().byUrl("Task?_count=1").returnBundle(Bundle.class).execute().getEntryFirstRep().getResource();
        Patient patient = NORTHWIND.client().read().resource(Patient.class).withId(task.getFor().getReferenceElement().getIdPart()).execute();

        JsonObject detail = api().get("api/panels/" + panel + "/rows/task/" + task.getIdElement().getIdPart(), token).json();

        assertThat(detail.getJsonObject("related").getJsonObject("patient").getString("id")).isEqualTo(patient.getIdElement().getIdPart());
        assertThat(detail.getJsonObject("related").getJsonObject("patient").getString("name")).contains(patient.getNameFirstRep().getFamily());
    }

    @Test
    void aResourceOutsideThePanelsCohortOrOrganizationIsNotFound() {
        String token = TestIssuer.token().in(NORTHWIND).groups("panels-editor").serialize();
        String panel = panel(token);
        String female = first("female").getIdElement().getIdPart();

        assertThat(api().get("api/panels/" + panel + "/rows/patient/" + first("male").getIdElement().getIdPart(), token).status())
                .as("a man is not in a panel of women").isEqualTo(404);
        assertThat(api().get("api/panels/" + panel + "/rows/patient/" + female,
                TestIssuer.token().in(Medplum.Tenant.RIVERSIDE).groups("panels-admin").serialize()).status()).isEqualTo(404);
        assertThat(api().get("api/panels/" + panel + "/rows/appointment/" + female, token).status())
                .as("not a data source of the panel").isEqualTo(400);
        assertThat(api().get("api/panels/" + panel + "/rows/patient/..%2F..%2Fmetadata", token).status()).isIn(400, 404);
        assertThat(api().get("api/panels/" + panel + "/rows/ward/" + female, token).status()).isEqualTo(400);
    }
}
