package dev.panels.app.worklist;

import org.hl7.fhir.r4.model.Task.TaskStatus;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.hl7.fhir.r4.model.Task.TaskStatus.*;

/**
 * The status changes a Task may make, after the FHIR R4 Task state machine
 * (https://hl7.org/fhir/R4/task.html#statemachine): work moves forward from request to completion, may pause
 * (on-hold) and resume, and ends in one of the terminal states, which never change again except to
 * entered-in-error (a record made by mistake).
 */
public final class TaskTransitions {

    private static final Map<TaskStatus, Set<TaskStatus>> NEXT = Map.ofEntries(
            Map.entry(DRAFT, EnumSet.of(REQUESTED, CANCELLED, ENTEREDINERROR)),
            Map.entry(REQUESTED, EnumSet.of(RECEIVED, ACCEPTED, REJECTED, READY, CANCELLED, ENTEREDINERROR)),
            Map.entry(RECEIVED, EnumSet.of(ACCEPTED, REJECTED, CANCELLED, ENTEREDINERROR)),
            Map.entry(ACCEPTED, EnumSet.of(READY, INPROGRESS, CANCELLED, ENTEREDINERROR)),
            Map.entry(READY, EnumSet.of(INPROGRESS, CANCELLED, FAILED, ENTEREDINERROR)),
            Map.entry(INPROGRESS, EnumSet.of(ONHOLD, COMPLETED, FAILED, CANCELLED, ENTEREDINERROR)),
            Map.entry(ONHOLD, EnumSet.of(INPROGRESS, CANCELLED, FAILED, ENTEREDINERROR)),
            Map.entry(REJECTED, EnumSet.of(ENTEREDINERROR)),
            Map.entry(CANCELLED, EnumSet.of(ENTEREDINERROR)),
            Map.entry(FAILED, EnumSet.of(ENTEREDINERROR)),
            Map.entry(COMPLETED, EnumSet.of(ENTEREDINERROR)),
            Map.entry(ENTEREDINERROR, EnumSet.noneOf(TaskStatus.class)));

    private TaskTransitions() {
    }

    /** The statuses {@code from} may change to; none for an unknown or missing status. */
    public static Set<TaskStatus> from(TaskStatus from) {
        return from == null || !NEXT.containsKey(from) ? Set.of() : NEXT.get(from);
    }

    public static boolean allowed(TaskStatus from, TaskStatus to) {
        return from(from).contains(to);
    }
}
