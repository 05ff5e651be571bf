package dev.panels.app.worklist;

import dev.panels.app.audit.AuditTrail;
import dev.panels.app.auth.CurrentUser;
import dev.panels.app.auth.Permission;
import dev.panels.app.medplum.MedplumGateway;
import dev.panels.app.problem.InvalidInput;
import dev.panels.app.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.panels.app.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;

import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Assigns a Task to a clinician ({@code Task.owner} = their Practitioner) or unassigns it, in
 * Medplum, as the caller. The change is made on the version just read, so a concurrent change in
 * Medplum fails with 409 instead of being overwritten. Viewers assign to and unassign themselves;
 * editors and admins anyone of their organization.
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

    /**
     * {@code practitioner} null means the caller (their {@code fhirUser}). Anyone who may use worklists assigns to
     * themselves; assigning someone else needs {@link Permission#TASK_ASSIGN_OTHERS}, and that Practitioner must be
     * readable with the caller's Medplum token, i.e. belong to the caller's own Medplum project (organization).
     */
    public JsonObject assign(String taskId, String practitioner) {
        String self = user.fhirUser().orElse(null);
        String owner = practitioner == null || practitioner.isBlank()
                ? Optional.ofNullable(self).orElseThrow(() -> InvalidInput.of("practitioner", "is required: your token names no fhirUser"))
                : practitioner.strip();
        if (!PRACTITIONER.matcher(owner).matches()) {
            throw InvalidInput.of("practitioner", "must be a reference like Practitioner/123");
        }
        boolean toSelf = owner.equals(self);
        require(toSelf ? Permission.TASK_ASSIGN : Permission.TASK_ASSIGN_OTHERS, "task.assign", taskId);
        return change(taskId, "task.assign", (token, task) -> {
            if (!toSelf && !medplum.exists(token, owner)) {
                throw InvalidInput.of("practitioner", "is not a clinician of your organization");
            }
            task.setOwner(new Reference(owner));
        });
    }

    /** Unassigning oneself needs {@link Permission#TASK_ASSIGN}; unassigning anyone else {@link Permission#TASK_ASSIGN_OTHERS}. */
    public JsonObject unassign(String taskId) {
        require(Permission.TASK_ASSIGN, "task.unassign", taskId);
        return change(taskId, "task.unassign", (token, task) -> {
            String current = task.hasOwner() ? task.getOwner().getReference() : null;
            if (current != null && !current.equals(user.fhirUser().orElse(null)) && !user.can(Permission.TASK_ASSIGN_OTHERS)) {
                refuse("task.unassign", taskId, Permission.TASK_ASSIGN_OTHERS);
            }
            task.setOwner(null);
        });
    }

    private void require(Permission permission, String action, String taskId) {
        if (!user.can(permission)) {
            refuse(action, taskId, permission);
        }
    }

    private void refuse(String action, String taskId, Permission missing) {
        audit.refused(action, "task", taskId, AuditTrail.Outcome.DENIED, "missing " + missing.value());
        throw ProblemException.forbidden("Missing permission " + missing.value());
    }

    private JsonObject change(String taskId, String action, BiConsumer<String, Task> edit) {
        if (!ID.matcher(taskId).matches()) {
            throw ProblemException.notFound("Task");
        }
        String token = user.medplumAccess();
        Task task = medplum.readTask(token, taskId);
        edit.accept(token, task);
        Task saved = medplum.updateTask(token, task);
        audit.success(action, "task", taskId);
        JsonObjectBuilder json = Jsonp.createObjectBuilder().add("id", taskId).add("status", saved.getStatus() == null ? "" : saved.getStatus().toCode());
        if (saved.hasOwner()) {
            json.add("owner", saved.getOwner().getReference());
        }
        return json.build();
    }
}
