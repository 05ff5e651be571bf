package dev.panels.app.worklist;

import dev.panels.app.Jsonp;
import dev.panels.app.audit.AuditTrail;
import dev.panels.app.auth.CurrentUser;
import dev.panels.app.auth.Permission;
import dev.panels.app.medplum.Fhir;
import dev.panels.app.medplum.MedplumGateway;
import dev.panels.app.problem.InvalidInput;
import dev.panels.app.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;

import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Work on one Task in Medplum, as the caller: read it with its notes, assign or unassign it
 * ({@code Task.owner} = a Practitioner), add a note ({@code Task.note}), change its status along
 * {@link TaskTransitions}. Each change is made on the version just read, so a concurrent change in
 * Medplum fails with 409 instead of being overwritten. Whether the caller may act comes from
 * {@link TaskRules}; every refusal is audited.
 */
@ApplicationScoped
public class TaskService {

    static final Pattern PRACTITIONER = Pattern.compile("Practitioner/" + Fhir.ID.pattern());
    static final int MAX_NOTE = 2000;

    @Inject
    MedplumGateway medplum;

    @Inject
    CurrentUser user;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** The Task with its patient, owner, notes and the status changes the caller may make. */
    public JsonObject read(String taskId) {
        requireId(taskId);
        require(Permission.PANEL_READ, "task.read", taskId);
        TaskDetail detail = TaskDetail.of(medplum.search(user.medplumAccess(), TaskDetail.query(taskId)), taskId)
                .orElseThrow(() -> ProblemException.notFound("Task"));
        audit.success("task.read", "task", taskId);
        return detail.json(rules());
    }

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
        return change(taskId, "task.assign", null, (token, task) -> {
            if (!toSelf && !medplum.exists(token, owner)) {
                throw InvalidInput.of("practitioner", "is not a clinician of your organization");
            }
            task.setOwner(new Reference(owner));
        });
    }

    /** Unassigning oneself needs {@link Permission#TASK_ASSIGN}; unassigning anyone else {@link Permission#TASK_ASSIGN_OTHERS}. */
    public JsonObject unassign(String taskId) {
        require(Permission.TASK_ASSIGN, "task.unassign", taskId);
        return change(taskId, "task.unassign", null, (token, task) -> {
            if (!rules().mayUnassign(task)) {
                refuse("task.unassign", taskId, Permission.TASK_ASSIGN_OTHERS);
            }
            task.setOwner(null);
        });
    }

    /** Appends a note signed by the caller (their Practitioner, or their name when the token names none). */
    public JsonObject addNote(String taskId, String text) {
        InvalidInput errors = new InvalidInput();
        String note = errors.text(text == null ? null : text.strip(), "text", MAX_NOTE);
        errors.throwIfAny();
        require(Permission.TASK_NOTE, "task.note", taskId);
        return change(taskId, "task.note", null, (token, task) -> {
            Annotation annotation = new Annotation().setText(note).setTimeElement(new DateTimeType(Date.from(clock.instant())));
            user.fhirUser().ifPresentOrElse(
                    fhirUser -> annotation.setAuthor(new Reference(fhirUser).setDisplay(user.name())),
                    () -> annotation.setAuthor(new org.hl7.fhir.r4.model.StringType(user.name())));
            task.addNote(annotation);
        });
    }

    /**
     * Changes the status along {@link TaskTransitions}; on one's own Task with {@link Permission#TASK_STATUS}, on
     * anyone's (or an unassigned one) with {@link Permission#TASK_STATUS_OTHERS}.
     */
    public JsonObject changeStatus(String taskId, String status) {
        InvalidInput errors = new InvalidInput();
        TaskStatus wanted = parseStatus(errors, status);
        errors.throwIfAny();
        require(Permission.TASK_STATUS, "task.status", taskId);
        return change(taskId, "task.status", wanted.toCode(), (token, task) -> {
            if (!rules().mayChangeStatus(task)) {
                refuse("task.status", taskId, Permission.TASK_STATUS_OTHERS);
            }
            if (!TaskTransitions.allowed(task.getStatus(), wanted)) {
                String from = task.getStatus() == null ? "no status" : task.getStatus().toCode();
                throw InvalidInput.of("status", "a " + from + " task cannot become " + wanted.toCode()
                        + "; allowed: " + TaskDetail.codes(TaskTransitions.from(task.getStatus())));
            }
            task.setStatus(wanted);
            task.setLastModifiedElement(new DateTimeType(Date.from(clock.instant())));
        });
    }

    private static TaskStatus parseStatus(InvalidInput errors, String status) {
        try {
            TaskStatus parsed = status == null || status.isBlank() ? null : TaskStatus.fromCode(status.strip());
            errors.check(parsed != null, "status", "is required");
            return parsed;
        } catch (org.hl7.fhir.exceptions.FHIRException e) {
            errors.add("status", "is not a FHIR task status (draft, requested, received, accepted, rejected, ready, "
                    + "cancelled, in-progress, on-hold, failed, completed, entered-in-error)");
            return null;
        }
    }

    private TaskRules rules() {
        return new TaskRules(user.fhirUser().orElse(null), user.permissions());
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

    private static void requireId(String taskId) {
        if (taskId == null || !Fhir.ID.matcher(taskId).matches()) {
            throw ProblemException.notFound("Task");
        }
    }

    private JsonObject change(String taskId, String action, String detail, BiConsumer<String, Task> edit) {
        requireId(taskId);
        String token = user.medplumAccess();
        Task task = medplum.readTask(token, taskId);
        edit.accept(token, task);
        Task saved = medplum.updateTask(token, task);
        audit.success(action, "task", taskId, detail);
        return Jsonp.createObjectBuilder(TaskDetail.summary(saved)).build();
    }
}
