package dev.panels.app.worklist;

import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class TaskTransitionsTest {

    @Test
    void workMovesForwardAndMayPause() {
        assertThat(TaskTransitions.allowed(TaskStatus.REQUESTED, TaskStatus.ACCEPTED)).isTrue();
        assertThat(TaskTransitions.allowed(TaskStatus.READY, TaskStatus.INPROGRESS)).isTrue();
        assertThat(TaskTransitions.allowed(TaskStatus.INPROGRESS, TaskStatus.ONHOLD)).isTrue();
        assertThat(TaskTransitions.allowed(TaskStatus.ONHOLD, TaskStatus.INPROGRESS)).isTrue();
        assertThat(TaskTransitions.allowed(TaskStatus.INPROGRESS, TaskStatus.COMPLETED)).isTrue();
    }

    @Test
    void finishedTasksOnlyBecomeEnteredInError() {
        for (TaskStatus done : new TaskStatus[]{TaskStatus.COMPLETED, TaskStatus.CANCELLED, TaskStatus.FAILED, TaskStatus.REJECTED}) {
            assertThat(TaskTransitions.from(done)).as(done.toCode()).containsExactly(TaskStatus.ENTEREDINERROR);
        }
        assertThat(TaskTransitions.from(TaskStatus.ENTEREDINERROR)).isEmpty();
    }

    @Test
    void workCannotSkipBackwardsOrStartBeforeItIsRequested() {
        assertThat(TaskTransitions.allowed(TaskStatus.COMPLETED, TaskStatus.INPROGRESS)).isFalse();
        assertThat(TaskTransitions.allowed(TaskStatus.INPROGRESS, TaskStatus.REQUESTED)).isFalse();
        assertThat(TaskTransitions.allowed(TaskStatus.DRAFT, TaskStatus.COMPLETED)).isFalse();
        assertThat(TaskTransitions.allowed(TaskStatus.REQUESTED, TaskStatus.REQUESTED)).isFalse();
    }

    @Test
    void anyTaskRecordedByMistakeCanBeMarkedSoButNothingBecomesUnknown() {
        Arrays.stream(TaskStatus.values()).filter(s -> s != TaskStatus.NULL && s != TaskStatus.ENTEREDINERROR).forEach(s ->
                assertThat(TaskTransitions.from(s)).as(s.toCode()).contains(TaskStatus.ENTEREDINERROR).doesNotContain(TaskStatus.NULL));
        assertThat(TaskTransitions.from(null)).isEmpty();
        assertThat(TaskTransitions.from(TaskStatus.NULL)).isEmpty();
    }
}
