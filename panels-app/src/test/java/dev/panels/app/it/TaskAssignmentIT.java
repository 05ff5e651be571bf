package dev.panels.app.it;

import org.hl7.fhir.r4.model.Task;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.assertj.core.api.Assertions.assertThat;

/** Task assignment writes Task.owner in Medplum, as the caller, on the version it read. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TaskAssignmentIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.packagedWar();
    }

    @ArquillianResource
    URL base;

    private Api api() {
        return new Api(base);
    }

    @Test
    void assigningToOneselfSetsTheOwnerToTheCallersPractitioner() {
        TestIssuer.Token token = TestIssuer.token().groups("panels-viewer");

        Api.Reply reply = api().put("api/tasks/t42/assignment", token.serialize(), "{}", null);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getString("owner")).isEqualTo("Practitioner/" + token.subject());
        FhirStandIn.Request update = FhirStandIn.current().requests().stream()
                .filter(r -> r.method().equals("PUT") && r.path().endsWith("/Task/t42")).reduce((a, b) -> b).orElseThrow();
        assertThat(update.authorization()).isEqualTo("Bearer " + token.medplumToken());
        assertThat(update.ifMatch()).isEqualTo("W/\"7\"");
        Task sent = FhirStandIn.FHIR.newJsonParser().parseResource(Task.class, update.body());
        assertThat(sent.getOwner().getReference()).isEqualTo("Practitioner/" + token.subject());
    }

    @Test
    void unassignClearsTheOwner() {
        Api.Reply reply = api().delete("api/tasks/t43/assignment", TestIssuer.token().groups("panels-editor").serialize(), null);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().containsKey("owner")).isFalse();
    }

    @Test
    void invalidPractitionerAndUnknownTaskAreClientErrors() {
        String token = TestIssuer.token().groups("panels-editor").serialize();

        Api.Reply invalid = api().put("api/tasks/t44/assignment", token, "{\"practitioner\": \"Patient/1\"}", null);
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
        assertThat(invalid.json().getJsonObject("errors").keySet()).contains("practitioner");

        Api.Reply missing = api().put("api/tasks/x99/assignment", token, "{}", null);
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
    }

    @Test
    void auditorsCannotAssign() {
        Api.Reply reply = api().put("api/tasks/t45/assignment", TestIssuer.token().groups("auditor").serialize(), "{}", null);

        assertThat(reply.status()).isEqualTo(403);
    }
}
