package dev.panels.local.e2e;

import dev.panels.local.LocalStack.Part;
import dev.panels.local.it.SharedStack;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live worklists in Chromium: Rita changes a Task in her browser; Sam's worklist, open in a second browser, shows the
 * change by itself (no reload: a marker set in his page survives), through Medplum's rest hook, the app and his live
 * stream, and so does the Task's detail pane he has open, keeping the note he is writing. Then the app server
 * restarts under them: Sam's page says it is reconnecting, reconnects by itself, and the next change reaches him too;
 * as he is typing in the pane then, it offers the change rather than moving under him.
 */
class LiveWorklistIT {

    private static final By LIVE = By.id("live-status");
    private static final By NOTE = By.id("task-note");

    @Test
    void aSecondBrowserSeesATaskChangeLiveAndAgainAfterTheAppRestarts() throws Exception {
        try (Browser sam = new Browser(); Browser rita = new Browser()) {
            SignInFlows.throughStytch(sam, "sam.builder@riverside.example", "Riverside Health");
            SignInFlows.throughStytch(rita, "rita.admin@riverside.example", "Riverside Health");
            String suffix = UUID.randomUUID().toString().substring(0, 6);
            for (Browser browser : List.of(sam, rita)) {
                PanelPages.create(browser, "Live " + suffix + (browser == sam ? " Sam" : " Rita"), "task");
                PanelPages.showRows(browser, "task");
                browser.until(d -> d.findElements(PanelPages.TASK_ROWS).size() >= 2, Duration.ofSeconds(30));
            }
            PanelPages.awaitLive(sam, Duration.ofSeconds(90));
            sam.js("window.__noReloadMarker = 'still here'");

            String first = rowInBoth(sam, rita, 0);
            // Sam has the Task's details open with a note half written, his focus elsewhere: the pane follows, the note stays
            openDetail(sam, first);
            sam.driver.findElement(NOTE).sendKeys("Called, no answer");
            sam.driver.findElement(By.id("detail-title")).click();
            String expected = toggleAssignment(rita, first);
            sam.until(d -> assignedTo(sam, first).equals(expected), Duration.ofSeconds(30));
            assertThat(sam.driver.findElement(row(first)).getAttribute("data-live-updated")).isEqualTo("true");
            sam.until(d -> paneOwner(sam).equals(expected), Duration.ofSeconds(30));
            assertThat(sam.driver.findElement(NOTE).getAttribute("value")).isEqualTo("Called, no answer");
            sam.screenshot("live-update");
            assertThat(sam.js("return window.__noReloadMarker")).as("the page was not reloaded").isEqualTo("still here");

            SharedStack.get().stop(Part.APP);
            sam.until(d -> "reconnecting".equals(d.findElement(LIVE).getAttribute("data-state")), Duration.ofSeconds(60));
            SharedStack.get().start(Part.APP);
            PanelPages.awaitLive(sam, Duration.ofSeconds(90));

            // Rita's page recovers from the restart by itself too; her next change reaches Sam's reconnected stream.
            rita.driver.navigate().refresh();
            PanelPages.showRows(rita, "task");
            rita.until(d -> d.findElements(PanelPages.TASK_ROWS).size() >= 2, Duration.ofSeconds(60));
            String second = rowInBoth(sam, rita, 1);
            // this time Sam is typing in the pane: it offers the change instead of moving under him
            openDetail(sam, second);
            String ownerBefore = paneOwner(sam);
            sam.driver.findElement(NOTE).sendKeys("Left a voicemail");
            String expectedAfterRestart = toggleAssignment(rita, second);
            sam.until(d -> assignedTo(sam, second).equals(expectedAfterRestart), Duration.ofSeconds(30));
            assertThat(sam.js("return window.__noReloadMarker")).as("reconnected without a reload").isEqualTo("still here");
            sam.waitFor(By.cssSelector("#detail-changed button"), Duration.ofSeconds(30));
            assertThat(paneOwner(sam)).isEqualTo(ownerBefore);
            sam.driver.findElement(By.cssSelector("#detail-changed button")).click();
            sam.until(d -> paneOwner(sam).equals(expectedAfterRestart), Duration.ofSeconds(30));
            assertThat(sam.driver.findElement(NOTE).getAttribute("value")).isEqualTo("Left a voicemail");
        }
    }

    /** Opens the row's detail pane and waits for its Task work (the note box). */
    private static void openDetail(Browser browser, String id) {
        browser.driver.findElement(By.cssSelector("#worklist tbody tr[data-row-id='" + id + "'] td")).click();
        browser.until(d -> !d.findElements(By.cssSelector("#row-detail[data-row-id='" + id + "'] #task-note")).isEmpty(), Duration.ofSeconds(30));
    }

    private static String paneOwner(Browser browser) {
        List<WebElement> owner = browser.driver.findElements(By.cssSelector("#row-detail [data-task-field='owner']"));
        return owner.isEmpty() ? "" : owner.get(0).getText();
    }

    /** The id of a Task row both worklists show (the index-th of Rita's that Sam has too). */
    private static String rowInBoth(Browser sam, Browser rita, int index) {
        List<String> samIds = sam.driver.findElements(PanelPages.TASK_ROWS).stream().map(r -> r.getAttribute("data-row-id")).toList();
        List<String> common = rita.driver.findElements(PanelPages.TASK_ROWS).stream().map(r -> r.getAttribute("data-row-id"))
                .filter(samIds::contains).toList();
        assertThat(common).as("both worklists show the same Tasks").hasSizeGreaterThan(index);
        return common.get(index);
    }

    /** Rita assigns the Task to herself, or unassigns it if it is hers; returns what "Assigned to" then shows. */
    private static String toggleAssignment(Browser rita, String id) {
        String before = assignedTo(rita, id);
        WebElement tr = rita.driver.findElement(row(id));
        String action = tr.findElements(By.cssSelector("[data-action='assign-to-me']")).isEmpty() || before.contains("Rita")
                ? "unassign" : "assign-to-me";
        tr.findElement(By.cssSelector("[data-action='" + action + "']")).click();
        rita.until(d -> !assignedTo(rita, id).equals(before), Duration.ofSeconds(30));
        return assignedTo(rita, id);
    }

    private static String assignedTo(Browser browser, String id) {
        List<WebElement> cells = browser.driver.findElements(By.cssSelector("#worklist tbody tr[data-row-id='" + id + "'] [data-column='assigned-to']"));
        return cells.isEmpty() ? "" : cells.get(0).getText();
    }

    private static By row(String id) {
        return By.cssSelector("#worklist tbody tr[data-row-id='" + id + "']");
    }
}
