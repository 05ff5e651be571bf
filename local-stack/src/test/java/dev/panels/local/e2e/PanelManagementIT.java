package dev.panels.local.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Panels, columns and views managed through the UI; controls appear only with the permission for them. */
class PanelManagementIT {

    @Test
    void anEditorCreatesEditsAndDeletesAPanelWithAColumnAndAView() throws Exception {
        try (Browser browser = new Browser()) {
            SignInFlows.asMember(browser, E2eStack.newPerson("panels-editor"));
            String name = "Discharge follow-up " + UUID.randomUUID().toString().substring(0, 6);

            browser.waitFor(By.id("new-panel")).click();
            browser.waitFor(By.id("panel-form"));
            browser.driver.findElement(By.name("name")).sendKeys(name);
            browser.driver.findElement(By.name("description")).sendKeys("Patients discharged this week");
            browser.driver.findElement(By.cssSelector("input[name='dataSources'][value='task']")).click();
            browser.screenshot("panel-form");
            browser.driver.findElement(By.cssSelector("#panel-form button[type='submit']")).click();
            PanelPages.awaitTitle(browser, name);

            browser.driver.findElement(By.id("tab-columns")).click();
            browser.waitFor(By.id("column-form"));
            browser.driver.findElement(By.cssSelector("#column-form [name='label']")).sendKeys("Family name");
            new Select(browser.driver.findElement(By.cssSelector("#column-form [name='rowType']"))).selectByValue("patient");
            browser.driver.findElement(By.cssSelector("#column-form [name='expression']")).sendKeys("Patient.name.first().family");
            browser.driver.findElement(By.cssSelector("#column-form button[type='submit']")).click();
            browser.waitFor(By.cssSelector("#columns-table tr[data-column-key='family_name']"));

            // A server-side validation error is shown next to its field, not as a crash.
            browser.driver.findElement(By.cssSelector("#column-form [name='label']")).sendKeys("Broken");
            browser.driver.findElement(By.cssSelector("#column-form [name='expression']")).sendKeys("Patient.name.(((");
            browser.driver.findElement(By.cssSelector("#column-form button[type='submit']")).click();
            // Waits for what this submit caused: the expression's own error slot (the status bar may still say "Column saved.").
            browser.until(d -> !d.findElement(By.cssSelector("#column-form [data-error-for='expression']")).getText().isEmpty(),
                    Duration.ofSeconds(15));
            assertThat(browser.driver.findElement(By.cssSelector("#column-form [data-error-for='expression']")).getText())
                    .startsWith("expression:");
            assertThat(browser.driver.findElement(By.cssSelector("#column-form [name='expression']")).getAttribute("value"))
                    .as("the person's input is kept").isEqualTo("Patient.name.(((");
            assertThat(browser.driver.findElements(By.cssSelector("#columns-table tr[data-column-key]"))).hasSize(1);

            browser.driver.findElement(By.id("tab-views")).click();
            browser.waitFor(By.id("view-form"));
            browser.driver.findElement(By.cssSelector("#view-form [name='name']")).sendKeys("By family name");
            browser.driver.findElement(By.cssSelector("#view-form button[type='submit']")).click();
            WebElement view = browser.waitFor(By.cssSelector("#view-list li[data-view-id]"));
            assertThat(view.getText()).contains("By family name", "family_name");
            browser.screenshot("panel-views");

            browser.driver.findElement(By.id("edit-panel")).click();
            WebElement nameField = browser.waitFor(By.cssSelector("#panel-form [name='name']"));
            nameField.clear();
            nameField.sendKeys(name + " (edited)");
            browser.driver.findElement(By.cssSelector("#panel-form button[type='submit']")).click();
            PanelPages.awaitTitle(browser, name + " (edited)");

            browser.driver.findElement(By.id("delete-panel")).click();
            browser.driver.switchTo().alert().accept();
            browser.waitFor(SignInFlows.PANELS_PAGE);
            browser.until(d -> !d.findElement(SignInFlows.PANELS_PAGE).getText().contains(name), Duration.ofSeconds(15));
        }
    }

    @Test
    void aViewerSeesNoControlsToCreatePanels() throws Exception {
        try (Browser browser = new Browser()) {
            SignInFlows.asMember(browser, E2eStack.newPerson("panels-viewer"));
            assertThat(browser.driver.findElements(By.id("new-panel"))).isEmpty();
        }
    }

    @Test
    void aPersonWithoutAPanelsRoleGetsTheNoAccessState() throws Exception {
        try (Browser browser = new Browser()) {
            E2eStack.Person person = E2eStack.newPerson("none");
            SignInFlows.throughStytch(browser, person.email(), null, E2eStack.appUrl() + "/#/panels");
            browser.waitFor(By.cssSelector("[data-state='permission-denied']"), Duration.ofSeconds(60));
            browser.screenshot("no-access");
        }
    }
}
