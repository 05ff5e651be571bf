package dev.panels.app.worklist;

import dev.panels.app.panel.RowType;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds rows from a search bundle: patient row = Patient + its Tasks; task row = Task + its Patient and owner;
 * appointment row = Appointment + Patient + Location. Matches are the rows; includes are looked up
 * by reference, so a missing include leaves the cell empty rather than failing the page.
 */
public final class RowAssembler {

    private RowAssembler() {
    }

    public static List<Row> rows(Bundle bundle, RowType type) {
        List<Resource> matches = new ArrayList<>();
        Map<String, Resource> byReference = new HashMap<>();
        // A patient's tasks, grouped once: each reference is parsed once, not once per patient.
        Map<String, List<Resource>> tasksByPatient = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null) {
                continue;
            }
            boolean match = resource.fhirType().equals(type.resourceType())
                    && (!entry.hasSearch() || entry.getSearch().getMode() != Bundle.SearchEntryMode.INCLUDE);
            if (match) {
                matches.add(resource);
            } else {
                byReference.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
                if (resource instanceof Task task) {
                    String patient = reference(task.getFor());
                    if (patient != null) {
                        tasksByPatient.computeIfAbsent(patient, k -> new ArrayList<>()).add(task);
                    }
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Resource primary : matches) {
            Map<String, List<Resource>> related = new LinkedHashMap<>();
            switch (type) {
                case PATIENT -> {
                    String ref = "Patient/" + primary.getIdElement().getIdPart();
                    related.put("Task", new ArrayList<>(tasksByPatient.getOrDefault(ref, List.of())));
                }
                case TASK -> {
                    add(related, byReference.get(reference(((Task) primary).getFor())));
                    if (byReference.get(reference(((Task) primary).getOwner())) instanceof Practitioner owner) {
                        add(related, owner);
                    }
                }
                case APPOINTMENT -> {
                    for (Appointment.AppointmentParticipantComponent p : ((Appointment) primary).getParticipant()) {
                        add(related, byReference.get(reference(p.getActor())));
                    }
                }
            }
            rows.add(new Row(primary, related));
        }
        return rows;
    }

    private static void add(Map<String, List<Resource>> related, Resource resource) {
        if (resource != null) {
            related.computeIfAbsent(resource.fhirType(), k -> new ArrayList<>()).add(resource);
        }
    }

    /** {@code Type/id} of a reference, whatever base URL or version it carries. */
    static String reference(Reference reference) {
        if (reference == null || !reference.hasReference()) {
            return null;
        }
        var id = reference.getReferenceElement();
        return id.hasResourceType() && id.hasIdPart() ? id.getResourceType() + "/" + id.getIdPart() : null;
    }
}
