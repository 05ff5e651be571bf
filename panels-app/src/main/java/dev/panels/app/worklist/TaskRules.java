package dev.panels.app.worklist;

import dev.panels.app.auth.Permission;
import org.hl7.fhir.r4.model.Task;

import java.util.Set;

/**
 * Who may do what to one Task: anyone with a panels role works on Tasks assigned to them (status, unassign) and
 * adds notes; editors and admins also work on Tasks assigned to others or to nobody. The same answers enforce the
 * API and tell the UI which controls to offer.
 */
record TaskRules(String fhirUser, Set<Permission> permissions) {

    boolean ownedByCaller(Task task) {
        return fhirUser != null && task.hasOwner() && fhirUser.equals(RowAssembler.reference(task.getOwner()));
    }

    boolean mayAssignSelf() {
        return fhirUser != null && permissions.contains(Permission.TASK_ASSIGN);
    }

    boolean mayUnassign(Task task) {
        return task.hasOwner() && permissions.contains(Permission.TASK_ASSIGN)
                && (ownedByCaller(task) || permissions.contains(Permission.TASK_ASSIGN_OTHERS));
    }

    boolean mayNote() {
        return permissions.contains(Permission.TASK_NOTE);
    }

    boolean mayChangeStatus(Task task) {
        return permissions.contains(Permission.TASK_STATUS)
                && (ownedByCaller(task) || permissions.contains(Permission.TASK_STATUS_OTHERS));
    }
}
