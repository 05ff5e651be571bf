package dev.panels.local.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A builder's day: create a panel, give it columns and a view, see live Medplum rows, assign a task. */
class PanelWorkflowIT {

    @Test
    void aBuilderCreatesAPanelAddsAViewSeesMedplumRowsAndAssignsATask() throws Exception {
        try (Browser browser = new Browser()) {
            SignInFlows.throughStytch(browser, "sam.builder@riverside.example", "Riverside Health");
            String name = "Open tasks " + UUID.randomUUID().toString().substring(0, 6);

            PanelPages.create(browser, name, "task");

            browser.driver.findElement(By.id("tab-columns")).click();
            PanelPages.addColumn(browser, "Task status", "task", "Task.status");
            PanelPages.addColumn(browser, "Task description", "task", "Task.description");

            browser.driver.findElement(By.id("tab-views")).click();
            browser.waitFor(By.id("view-form"));
            browser.driver.findElement(By.name("name")).sendKeys("My open tasks");
            new Select(browser.driver.findElement(By.name("rowType"))).selectByValue("task");
            browser.driver.findElement(By.cssSelector("#view-form button[type='submit']")).click();
            browser.until(d -> d.findElements(By.cssSelector("#view-list li[data-view-id]")).size() == 1, Duration.ofSeconds(20));

            browser.driver.findElement(By.id("tab-worklist")).click();
            new Select(browser.waitFor(By.id("view-select"))).selectByVisibleText("My open tasks (task)");
            // The tab first shows the panel's first row type; wait for the view's task rows.
            browser.until(d -> !d.findElements(PanelPages.TASK_ROWS).isEmpty(), Duration.ofSeconds(30));
            List<WebElement> rows = browser.driver.findElements(PanelPages.TASK_ROWS);
            assertThat(rows.get(0).getAttribute("data-resource-type")).isEqualTo("Task");
            browser.screenshot("worklist");

            rows.get(0).findElement(By.cssSelector("[data-action='assign-to-me']")).click();
            browser.until(d -> d.findElement(By.id("status")).getText().contains("assigned to you"), Duration.ofSeconds(20));
        }
    }
}
