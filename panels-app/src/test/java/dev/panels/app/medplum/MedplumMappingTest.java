package dev.panels.app.medplum;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import dev.panels.app.problem.ProblemException;
import dev.panels.app.problem.ProblemType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How Medplum's answers become the app's problem categories, and audit records AuditEvents. */
class MedplumMappingTest {

    @Test
    void serverFailuresAndThrottlingAreUpstreamUnavailable() {
        assertThat(MedplumGateway.translate(new InternalErrorException("boom"))).isInstanceOf(UpstreamUnavailableException.class);
        assertThat(MedplumGateway.translate(new UnclassifiedServerFailureException(503, "down"))).isInstanceOf(UpstreamUnavailableException.class);
        assertThat(MedplumGateway.translate(new UnclassifiedServerFailureException(429, "slow down"))).isInstanceOf(UpstreamUnavailableException.class);
    }

    @Test
    void clientErrorsKeepTheirMeaningWithoutMedplumsText() {
        assertThat(type(MedplumGateway.translate(new UnclassifiedServerFailureException(401, "secret detail")))).isEqualTo(ProblemType.TOKEN);
        assertThat(type(MedplumGateway.translate(new ResourceNotFoundException("Task/1")))).isEqualTo(ProblemType.NOT_FOUND);
        assertThat(type(MedplumGateway.translate(new PreconditionFailedException("version")))).isEqualTo(ProblemType.CONFLICT);
        assertThat(MedplumGateway.translate(new UnclassifiedServerFailureException(401, "secret detail")).getMessage())
                .doesNotContain("secret detail");
    }

    @Test
    void actionsMapToAuditEventActions() {
        assertThat(MedplumAuditSink.action("panel.create")).isEqualTo(AuditEvent.AuditEventAction.C);
        assertThat(MedplumAuditSink.action("worklist.read")).isEqualTo(AuditEvent.AuditEventAction.R);
        assertThat(MedplumAuditSink.action("task.unassign")).isEqualTo(AuditEvent.AuditEventAction.U);
        assertThat(MedplumAuditSink.action("view.delete")).isEqualTo(AuditEvent.AuditEventAction.D);
        assertThat(MedplumAuditSink.action("something")).isEqualTo(AuditEvent.AuditEventAction.E);
    }

    private static ProblemType type(RuntimeException e) {
        return ((ProblemException) e).problem().type();
    }
}
