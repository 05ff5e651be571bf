package dev.panels.app.worklist;

import dev.panels.app.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** One Task as the detail pane shows it: its patient and owner by name, its notes oldest first, and what the caller may do. */
record TaskDetail(Task task, Map<String, Resource> included) {

    /** One search brings the Task, its patient and its owner. */
    static String query(String taskId) {
        return "Task?_id=" + taskId + "&_include=Task:patient&_include=Task:owner";
    }

    static Optional<TaskDetail> of(Bundle bundle, String taskId) {
        Task task = null;
        Map<String, Resource> included = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource instanceof Task t && t.getIdElement().getIdPart().equals(taskId)) {
                task = t;
            } else if (resource != null) {
                included.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
            }
        }
        return task == null ? Optional.empty() : Optional.of(new TaskDetail(task, included));
    }

    JsonObject json(TaskRules rules) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder(summary(task));
        json.add("description", task.hasDescription() ? task.getDescription() : task.getCode().getText() == null ? "" : task.getCode().getText());
        JsonArrayBuilder choices = Jsonp.createArrayBuilder();
        TaskTransitions.from(task.getStatus()).stream().map(TaskStatus::toCode).sorted().forEach(choices::add);
        json.add("statusChoices", choices);
        String patient = RowAssembler.reference(task.getFor());
        if (patient != null) {
            json.add("patient", patient).add("patientName", name(included.get(patient)).orElse(patient));
        }
        String owner = RowAssembler.reference(task.getOwner());
        if (owner != null) {
            json.add("ownerName", ownerName(task, included.get(owner)));
        }
        JsonArrayBuilder notes = Jsonp.createArrayBuilder();
        for (Annotation note : task.getNote()) {
            notes.add(Jsonp.createObjectBuilder()
                    .add("author", author(note))
                    .add("time", note.hasTime() ? note.getTimeElement().getValueAsString() : "")
                    .add("text", note.hasText() ? note.getText() : ""));
        }
        json.add("notes", notes);
        json.add("may", Jsonp.createObjectBuilder()
                .add("assignSelf", rules.mayAssignSelf() && !rules.ownedByCaller(task))
                .add("unassign", rules.mayUnassign(task))
                .add("note", rules.mayNote())
                .add("changeStatus", rules.mayChangeStatus(task) && !TaskTransitions.from(task.getStatus()).isEmpty()));
        return json.build();
    }

    /** What every Task change answers: id, version, status and owner reference. */
    static JsonObject summary(Task task) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder()
                .add("id", task.getIdElement().getIdPart())
                .add("version", task.getMeta().hasVersionId() ? task.getMeta().getVersionId() : "")
                .add("status", task.getStatus() == null ? "" : task.getStatus().toCode());
        String owner = RowAssembler.reference(task.getOwner());
        if (owner != null) {
            json.add("owner", owner);
        }
        return json.build();
    }

    /** The owner's name as worklists show it: the Practitioner's name, else the reference's display, else the reference. */
    static String ownerName(Task task, Resource owner) {
        return name(owner).orElse(task.getOwner().hasDisplay() ? task.getOwner().getDisplay() : RowAssembler.reference(task.getOwner()));
    }

    static String codes(Collection<TaskStatus> statuses) {
        return statuses.isEmpty() ? "none" : statuses.stream().map(TaskStatus::toCode).sorted().collect(Collectors.joining(", "));
    }

    private static String author(Annotation note) {
        if (note.hasAuthorReference()) {
            return note.getAuthorReference().hasDisplay() ? note.getAuthorReference().getDisplay() : note.getAuthorReference().getReference();
        }
        return note.hasAuthorStringType() ? note.getAuthorStringType().getValue() : "";
    }

    /** "Given Family" of a Patient or Practitioner, as worklists show people. */
    static Optional<String> name(Resource resource) {
        List<HumanName> names = resource instanceof Patient p ? p.getName()
                : resource instanceof Practitioner p ? p.getName() : List.of();
        return names.stream().findFirst().map(n -> n.hasText() ? n.getText() : (n.getGivenAsSingleString() + " " + (n.hasFamily() ? n.getFamily() : "")).strip())
                .filter(s -> !s.isBlank());
    }
}
