package dev.panels.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clinician Medplum does not know (a new Stytch member, no Medplum membership): Keycloak's Medplum mapper is
 * refused, the sign-in still succeeds, an event says why, panels work and the worklist says "Clinical data
 * unavailable" instead of ending the session.
 */
class ClinicalDataUnavailableIT {

    @Test
    void aSignInWithoutMedplumAccessKeepsPanelsAndShowsClinicalDataUnavailableWithTheReasonInKeycloaksEvents() throws Exception {
        E2eStack.Person person = E2eStack.newPerson("panels-editor");
        try (Browser browser = new Browser()) {
            SignInFlows.asMember(browser, person);
            String name = "Without Medplum " + UUID.randomUUID().toString().substring(0, 6);
            PanelPages.create(browser, name);

            // A new panel opens on its worklist tab.
            WebElement state = browser.waitFor(By.cssSelector("[data-state='clinical-data-unavailable']"), Duration.ofSeconds(30));
            assertThat(state.getText()).contains("Clinical data unavailable").contains("Retrying automatically");
            assertThat(browser.driver.findElements(By.cssSelector("[data-state='session-expired']"))).isEmpty();
            browser.screenshot("clinical-data-unavailable");
        }

        String userId = E2eStack.userId(person.memberId());
        JsonNode events = E2eStack.admin().get("panels/events?type=TOKEN_EXCHANGE_ERROR&user="
                + URLEncoder.encode(userId, StandardCharsets.UTF_8));
        assertThat(events.isArray() && !events.isEmpty()).as("TOKEN_EXCHANGE_ERROR events of %s: %s", userId, events).isTrue();
        JsonNode event = events.get(0);
        assertThat(event.path("error").asText()).isEqualTo("medplum_unavailable");
        assertThat(event.path("details").path("token_provider").asText()).isEqualTo("medplum");
        assertThat(event.path("details").path("reason").asText()).contains("User not found");
    }
}
