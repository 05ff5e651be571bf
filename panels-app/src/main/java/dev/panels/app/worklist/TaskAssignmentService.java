package dev.panels.app.worklist;

import dev.panels.app.audit.AuditTrail;
import dev.panels.app.auth.CurrentUser;
import dev.panels.app.auth.Permission;
import dev.panels.app.medplum.MedplumGateway;
import dev.panels.app.problem.InvalidInput;
import dev.panels.app.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;

import java.util.regex.Pattern;

/**
 * Assigns a Task to a clinician ({@code Task.owner} = their Practitioner) or unassigns it, in
 * Medplum, as the caller. The change is made on the version just read, so a concurrent change in
 * Medplum fails with 409 instead of being overwritten.
 */
@ApplicationScoped
public class TaskAssignmentService {

    static final Pattern PRACTITIONER = Pattern.compile("Practitioner/[A-Za-z0-9\\-.]{1,64}");
    static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    @Inject
    MedplumGateway medplum;

    @Inject
    CurrentUser user;

    @Inject
    AuditTrail audit;

    /** {@code practitioner} null means the caller (their {@code fhirUser}). */
    public JsonObject assign(String taskId, String practitioner) {
        String owner = practitioner == null || practitioner.isBlank()
                ? user.fhirUser().orElseThrow(() -> InvalidInput.of("practitioner", "is required: your token names no fhirUser"))
                : practitioner.strip();
        if (!PRACTITIONER.matcher(owner).matches()) {
            throw InvalidInput.of("practitioner", "must be a reference like Practitioner/123");
        }
        return change(taskId, "task.assign", task -> task.setOwner(new Reference(owner)));
    }

    public JsonObject unassign(String taskId) {
        return change(taskId, "task.unassign", task -> task.setOwner(null));
    }

    private JsonObject change(String taskId, String action, java.util.function.Consumer<Task> edit) {
        if (!user.can(Permission.TASK_ASSIGN)) {
            audit.refused(action, "task", taskId, AuditTrail.Outcome.DENIED, "missing " + Permission.TASK_ASSIGN.value());
            throw ProblemException.forbidden("Missing permission " + Permission.TASK_ASSIGN.value());
        }
        if (!ID.matcher(taskId).matches()) {
            throw ProblemException.notFound("Task");
        }
        String token = user.medplumAccess();
        Task task = medplum.readTask(token, taskId);
        edit.accept(task);
        Task saved = medplum.updateTask(token, task);
        audit.success(action, "task", taskId);
        JsonObjectBuilder json = Json.createObjectBuilder().add("id", taskId).add("status", saved.getStatus() == null ? "" : saved.getStatus().toCode());
        if (saved.hasOwner()) {
            json.add("owner", saved.getOwner().getReference());
        }
        return json.build();
    }
}
