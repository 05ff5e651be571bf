package dev.panels.local.e2e;

import dev.panels.local.StackSettings;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Medplum bootstrap as docker-compose runs it ({@code java -jar medplum-bootstrap.jar}), against the running
 * stack: a clinician Stytch knows but Medplum does not is provisioned, then signs in and works on live Medplum rows
 * through the token-exchange client the bootstrap set up, under the access policy it created.
 */
class MedplumBootstrapIT {

    private static final Path JAR = Path.of("target/runtime/artifacts/medplum-bootstrap.jar");

    private static Process bootstrap() throws Exception {
        StackSettings stack = E2eStack.settings();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(Map.of(
                "MEDPLUM_BASE_URL", stack.medplumUrl(),
                "PANELS_KEYCLOAK_ISSUER", stack.issuer(),
                "STYTCH_PROJECT_ID", "project-test-00000000-0000-0000-0000-000000000000",
                "STYTCH_SECRET", "secret-test-local-emulator-not-for-production",
                "STYTCH_API_BASE_URL", stack.stytchUrl(),
                "MEDPLUM_BOOTSTRAP_ORGANIZATIONS", "RIVERSIDE",
                "STYTCH_ORG_RIVERSIDE", E2eStack.RIVERSIDE,
                "MEDPLUM_PROJECT_RIVERSIDE", "medplum-project-riverside",
                // the realm's exchange client for Riverside; the bootstrap points its identity provider at this realm
                "MEDPLUM_CLIENT_RIVERSIDE", "riverside-panels-client"));
        env.put("MEDPLUM_ADMIN_CLIENT_RIVERSIDE", "riverside-panels-client");
        env.put("MEDPLUM_ADMIN_SECRET_RIVERSIDE", "riverside-local-secret-not-for-production");
        return builder.start();
    }

    private static String runBootstrap() throws Exception {
        Process process = bootstrap();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void aClinicianTheBootstrapProvisionedSignsInAndAssignsATaskFromLiveMedplumRows() throws Exception {
        E2eStack.Person person = E2eStack.newPerson("panels-editor");

        String output = runBootstrap();
        assertThat(output).contains("invited " + person.email())
                .contains("ClientApplication/riverside-panels-client").contains("AccessPolicy/");
        assertThat(runBootstrap()).as("a second run changes nothing").contains("0 invited", "unchanged AccessPolicy/",
                "unchanged ClientApplication/riverside-panels-client");

        try (Browser browser = new Browser()) {
            SignInFlows.asMember(browser, person);
            String name = "Bootstrapped " + UUID.randomUUID().toString().substring(0, 6);
            PanelPages.create(browser, name, "task");
            PanelPages.showRows(browser, "task");

            browser.until(d -> !d.findElements(PanelPages.TASK_ROWS).isEmpty(), Duration.ofSeconds(30));
            assertThat(browser.driver.findElements(By.cssSelector("[data-state='clinical-data-unavailable']"))).isEmpty();
            List<WebElement> rows = browser.driver.findElements(PanelPages.TASK_ROWS);
            // Assigning updates the Task in Medplum (and records an AuditEvent): the policy lets a clinician do both.
            rows.get(0).findElement(By.cssSelector("[data-action='assign-to-me']")).click();
            browser.until(d -> d.findElement(By.id("status")).getText().contains("assigned to you"), Duration.ofSeconds(20));
            browser.screenshot("bootstrapped-clinician");
        }
    }
}
