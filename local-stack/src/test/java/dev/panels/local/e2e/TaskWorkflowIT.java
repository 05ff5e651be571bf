package dev.panels.local.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clinician's worklist day in Chromium: move between rows with the keyboard, open a Task's details, assign it,
 * add a note (a refused one keeps its text), move its status on, and narrow the worklist to "My tasks".
 */
class TaskWorkflowIT {

    private static final By DETAIL = By.id("row-detail");

    @Test
    void aClinicianWorksATaskFromTheDetailPane() throws Exception {
        try (Browser browser = new Browser()) {
            SignInFlows.throughStytch(browser, "sam.builder@riverside.example", "Riverside Health");
            PanelPages.create(browser, "Tasks " + UUID.randomUUID().toString().substring(0, 6), "task");
            PanelPages.showRows(browser, "task");
            browser.until(d -> d.findElements(PanelPages.TASK_ROWS).size() >= 2, Duration.ofSeconds(30));

            // Keyboard: focus the first row, arrow down to the second, Enter opens its details.
            List<WebElement> rows = browser.driver.findElements(PanelPages.TASK_ROWS);
            String secondId = rows.get(1).getAttribute("data-row-id");
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].focus()", rows.get(0));
            rows.get(0).sendKeys(Keys.ARROW_DOWN);
            browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            browser.until(d -> d.findElement(By.id("detail-title")).getText().contains(secondId), Duration.ofSeconds(20));
            browser.waitFor(By.cssSelector("#row-detail [data-task-field='status']"));

            if (!browser.driver.findElements(By.cssSelector("[data-action='detail-assign-to-me']")).isEmpty()) {
                browser.driver.findElement(By.cssSelector("[data-action='detail-assign-to-me']")).click();
                // the pane shows the saved assignment (an editor sees Unassign before too, on someone else's Task)
                browser.until(d -> d.findElements(By.cssSelector("[data-action='detail-assign-to-me']")).isEmpty()
                        && d.findElements(By.cssSelector("[data-action='detail-unassign']")).size() == 1, Duration.ofSeconds(20));
            }
            String me = browser.driver.findElement(By.cssSelector("#row-detail [data-task-field='owner']")).getText();
            assertThat(me).isNotEqualTo("Unassigned");

            // A note the server refuses (only spaces): the message shows and the text stays.
            WebElement note = browser.driver.findElement(By.id("task-note"));
            note.sendKeys("   ");
            browser.driver.findElement(By.cssSelector("#task-note-form button[type='submit']")).click();
            browser.until(d -> d.findElement(By.cssSelector("[data-state='task-message']")).getText().contains("required"), Duration.ofSeconds(20));
            assertThat(browser.driver.findElement(By.id("task-note")).getAttribute("value")).isEqualTo("   ");

            // A real note, with markup that must stay text.
            String text = "Called <b>twice</b>, left voicemail";
            WebElement retry = browser.driver.findElement(By.id("task-note"));
            retry.clear();
            retry.sendKeys(text);
            browser.driver.findElement(By.cssSelector("#task-note-form button[type='submit']")).click();
            browser.until(d -> d.findElements(By.cssSelector("#task-notes .note-text")).stream().anyMatch(n -> n.getText().equals(text)),
                    Duration.ofSeconds(20));
            assertThat(browser.driver.findElements(By.cssSelector("#task-notes b"))).isEmpty();

            // The status moves to the first allowed choice.
            Select choices = new Select(browser.driver.findElement(By.id("task-status")));
            String next = choices.getOptions().get(0).getAttribute("value");
            choices.selectByValue(next);
            browser.driver.findElement(By.cssSelector("#task-status-form button[type='submit']")).click();
            browser.until(d -> d.findElement(By.cssSelector("#row-detail [data-task-field='status']")).getText().equals(next), Duration.ofSeconds(20));
            browser.screenshot("task-detail");

            // Escape closes the pane; "My tasks" keeps only the Tasks assigned to me, this one among them.
            // (the Task's changes reload the table live, so the row is found again if a reload replaced it meanwhile:
            // a row detached as the keys go in is reported stale or, by Chromium, not interactable)
            browser.until(d -> {
                try {
                    d.findElement(By.cssSelector("#worklist tbody tr[data-row-id='" + secondId + "']")).sendKeys(Keys.ESCAPE);
                    return true;
                } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.ElementNotInteractableException e) {
                    return false;
                }
            }, Duration.ofSeconds(10));
            browser.until(d -> !d.findElement(DETAIL).isDisplayed(), Duration.ofSeconds(10));
            browser.driver.findElement(By.id("mine-only")).click();
            browser.until(d -> {
                List<WebElement> mine = d.findElements(PanelPages.TASK_ROWS);
                return !mine.isEmpty() && mine.stream().anyMatch(r -> secondId.equals(r.getAttribute("data-row-id")))
                        && mine.stream().allMatch(r -> r.findElement(By.cssSelector("[data-column='assigned-to']")).getText().equals(me));
            }, Duration.ofSeconds(30));
        }
    }
}
