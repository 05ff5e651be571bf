package dev.panels.app.worklist;

import dev.panels.app.Jsonp;
import dev.panels.app.PanelsConfig;
import dev.panels.app.audit.AuditTrail;
import dev.panels.app.auth.CurrentUser;
import dev.panels.app.medplum.Fhir;
import dev.panels.app.medplum.MedplumGateway;
import dev.panels.app.panel.PanelService;
import dev.panels.app.panel.RowType;
import dev.panels.app.panel.WorklistPlan;
import dev.panels.app.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * One row's detail pane: every column of its row type, the hidden ones included (a panel's detail-only fields are
 * columns it hides from the table), and the row's related resources: a patient's open tasks and upcoming
 * appointments, a task's or an appointment's patient. The row is searched with the panel's cohort rule, so a
 * resource outside the panel cannot be read through it (404).
 */
@ApplicationScoped
public class RowDetailService {

    static final String OPEN_TASK = "draft,requested,received,accepted,ready,in-progress,on-hold";
    static final int RELATED = 10;

    @Inject
    PanelService panels;

    @Inject
    MedplumGateway medplum;

    @Inject
    Fhir fhir;

    @Inject
    CurrentUser user;

    @Inject
    AuditTrail audit;

    @Inject
    PanelsConfig config;

    @Inject
    Clock clock;

    public JsonObject detail(String panelId, String type, String id) {
        if (id == null || !Fhir.ID.matcher(id).matches()) {
            throw ProblemException.notFound("Row");
        }
        WorklistPlan plan = panels.plan(panelId, null, type);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String token = user.medplumAccess();
        Bundle bundle = medplum.search(token, FhirQuery.build(plan, Map.of("_id", id), List.of(), null, 0, 1, today).url());
        Row row = RowAssembler.rows(bundle, plan.rowType()).stream().findFirst().orElseThrow(() -> ProblemException.notFound("Row"));
        JsonObject computed = RowRequest.compute(new ColumnEvaluator(fhir.newFhirPath(today), config.columnEvaluationBudget()), row, plan);

        JsonArrayBuilder fields = Jsonp.createArrayBuilder();
        for (WorklistPlan.ColumnSpec column : plan.columns()) {
            fields.add(Jsonp.createObjectBuilder().add("key", column.key()).add("label", column.label())
                    .add("shownInTable", column.shown()).add("value", computed.getJsonObject("values").get(column.key())));
        }
        JsonObjectBuilder related = Jsonp.createObjectBuilder();
        switch (plan.rowType()) {
            case PATIENT -> {
                String patient = "Patient/" + id;
                related.add("openTasks", tasks(medplum.search(token, "Task?patient=" + patient + "&status=" + OPEN_TASK
                        + "&_sort=-authored-on&_count=" + RELATED)));
                related.add("upcomingAppointments", appointments(medplum.search(token, "Appointment?patient=" + patient
                        + "&date=ge" + today + "&_sort=date&_count=" + RELATED)));
            }
            case TASK, APPOINTMENT -> row.ofType("Patient").stream().findFirst().ifPresent(p -> related.add("patient", patient((Patient) p)));
        }
        if (plan.rowType() == RowType.APPOINTMENT) {
            row.ofType("Location").stream().findFirst().ifPresent(l -> related.add("location", ((Location) l).getName() == null ? "" : ((Location) l).getName()));
        }
        audit.success("row.read", "panel", panelId, plan.rowType().resourceType() + "/" + id);
        JsonObjectBuilder out = Jsonp.createObjectBuilder(computed).add("fields", fields).add("related", related);
        out.remove("values");
        return out.build();
    }

    private static JsonArrayBuilder tasks(Bundle bundle) {
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        for (Resource r : resources(bundle, "Task")) {
            Task task = (Task) r;
            out.add(Jsonp.createObjectBuilder().add("id", task.getIdElement().getIdPart())
                    .add("description", task.hasDescription() ? task.getDescription() : task.getCode().getText() == null ? "" : task.getCode().getText())
                    .add("status", task.getStatus() == null ? "" : task.getStatus().toCode()));
        }
        return out;
    }

    private static JsonArrayBuilder appointments(Bundle bundle) {
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        for (Resource r : resources(bundle, "Appointment")) {
            Appointment appointment = (Appointment) r;
            out.add(Jsonp.createObjectBuilder().add("id", appointment.getIdElement().getIdPart())
                    .add("start", appointment.hasStart() ? appointment.getStartElement().getValueAsString() : "")
                    .add("status", appointment.getStatus() == null ? "" : appointment.getStatus().toCode())
                    .add("description", appointment.hasDescription() ? appointment.getDescription() : ""));
        }
        return out;
    }

    private static JsonObject patient(Patient patient) {
        return Jsonp.createObjectBuilder().add("id", patient.getIdElement().getIdPart())
                .add("name", TaskDetail.name(patient).orElse(""))
                .add("birthDate", patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : "").build();
    }

    private static List<Resource> resources(Bundle bundle, String type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r != null && r.fhirType().equals(type)).toList();
    }
}
