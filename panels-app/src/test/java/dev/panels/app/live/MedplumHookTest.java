package dev.panels.app.live;

import dev.panels.identity.LiveHooks;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MedplumHookTest {

    private static final String PROJECT = "medplum-project-northwind";

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onlyTheBodysHmacWithTheSecretIsAccepted() throws Exception {
        byte[] body = body("{\"resourceType\":\"Task\",\"id\":\"t1\"}");
        MedplumHook.verify("secret", body, LiveHooks.signature("secret", body).toUpperCase());
        assertThatThrownBy(() -> MedplumHook.verify("secret", body, null)).hasMessageContaining("missing");
        assertThatThrownBy(() -> MedplumHook.verify("other", body, LiveHooks.signature("secret", body))).hasMessageContaining("does not match");
        assertThatThrownBy(() -> MedplumHook.verify("secret", body, "00")).hasMessageContaining("does not match");
    }

    @Test
    void anUpdateIsReadAsTypeIdAndVersionOnly() throws Exception {
        var change = MedplumHook.parse(body("{\"resourceType\":\"Appointment\",\"id\":\"a-1\",\"meta\":{\"versionId\":\"7\",\"project\":\""
                + PROJECT + "\"},\"description\":\"secret clinical text\"}"), "update", null, PROJECT);
        assertThat(change).contains(new MedplumHook.Change("Appointment", "a-1", "7", "update"));
    }

    @Test
    void aDeleteIsNamedByItsHeader() throws Exception {
        assertThat(MedplumHook.parse(body("{}"), "delete", "Patient/p-9", PROJECT))
                .contains(new MedplumHook.Change("Patient", "p-9", "deleted", "delete"));
        assertThatThrownBy(() -> MedplumHook.parse(body("{}"), "delete", "Patient/../x", PROJECT)).hasMessageContaining("<type>/<id>");
    }

    @Test
    void typesWorklistsDoNotShowAreIgnored() throws Exception {
        assertThat(MedplumHook.parse(body("{\"resourceType\":\"Observation\",\"id\":\"o\",\"meta\":{\"versionId\":\"1\"}}"), "create", null, PROJECT))
                .isEmpty();
        // the app's own panel events are no hook's to send
        assertThat(MedplumHook.parse(body("{\"resourceType\":\"" + PanelChanges.PANEL + "\",\"id\":\"p\",\"meta\":{\"versionId\":\"1\"}}"),
                "update", null, PROJECT)).isEmpty();
    }

    @Test
    void anotherProjectsResourceIsRefused() {
        assertThatThrownBy(() -> MedplumHook.parse(body("{\"resourceType\":\"Task\",\"id\":\"t\",\"meta\":{\"versionId\":\"1\",\"project\":\"p2\"}}"),
                "update", null, PROJECT))
                .isInstanceOfSatisfying(MedplumHook.Refused.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void malformedDeliveriesAreRefusedWithAReason() {
        assertThatThrownBy(() -> MedplumHook.parse(body("{\"resourceType\":\"Task\",\"id\":\"t\"}"), "patch", null, PROJECT))
                .hasMessageContaining("X-Medplum-Interaction");
        assertThatThrownBy(() -> MedplumHook.parse(body("[1]"), "update", null, PROJECT)).hasMessageContaining("not a FHIR JSON resource");
        assertThatThrownBy(() -> MedplumHook.parse(body("{\"resourceType\":\"Task\",\"id\":\"a b\"}"), "update", null, PROJECT))
                .hasMessageContaining("valid resourceType and id");
        assertThatThrownBy(() -> MedplumHook.parse(body("{\"resourceType\":\"Task\",\"id\":\"t\"}"), "update", null, PROJECT))
                .hasMessageContaining("meta.versionId");
    }
}
