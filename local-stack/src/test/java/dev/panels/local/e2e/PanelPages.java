package dev.panels.local.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;

/** Steps on the app's panel pages that several browser tests take the same way. */
final class PanelPages {

    static final By TASK_ROWS = By.cssSelector("#worklist[data-row-type='task'] tbody tr[data-row-id]");

    private PanelPages() {
    }

    /** From the panels page: a new panel with these data sources (patient is ticked already); returns once its page shows the title. */
    static void create(Browser browser, String name, String... dataSources) {
        browser.waitFor(By.id("new-panel")).click();
        browser.waitFor(By.id("panel-form"));
        browser.driver.findElement(By.name("name")).sendKeys(name);
        for (String source : dataSources) {
            browser.driver.findElement(By.cssSelector("input[name='dataSources'][value='" + source + "']")).click();
        }
        browser.driver.findElement(By.cssSelector("#panel-form button[type='submit']")).click();
        awaitTitle(browser, name);
    }

    /** On the worklist tab (where a new panel opens): rows of this type, the panel's first data source being the default. */
    static void showRows(Browser browser, String rowType) {
        new Select(browser.waitFor(By.id("type-select"))).selectByValue(rowType);
    }

    static void awaitTitle(Browser browser, String title) {
        awaitTitle(browser, title, Duration.ofSeconds(20));
    }

    static void awaitTitle(Browser browser, String title, Duration timeout) {
        browser.until(d -> d.findElements(By.id("panel-title")).stream().anyMatch(t -> t.getText().equals(title)), timeout);
    }

    /** On a panel's worklist: waits until its live stream is open. */
    static void awaitLive(Browser browser, Duration timeout) {
        browser.until(d -> "live".equals(d.findElement(By.id("live-status")).getAttribute("data-state")), timeout);
    }

    /** On the Columns tab: adds a column and waits for the table to list it. */
    static void addColumn(Browser browser, String label, String rowType, String expression) {
        browser.waitFor(By.id("column-form"));
        browser.driver.findElement(By.cssSelector("#column-form [name='label']")).sendKeys(label);
        new Select(browser.driver.findElement(By.cssSelector("#column-form [name='rowType']"))).selectByValue(rowType);
        browser.driver.findElement(By.cssSelector("#column-form [name='expression']")).sendKeys(expression);
        int before = browser.driver.findElements(By.cssSelector("#columns-table tr[data-column-key]")).size();
        browser.driver.findElement(By.cssSelector("#column-form button[type='submit']")).click();
        browser.until(d -> d.findElements(By.cssSelector("#columns-table tr[data-column-key]")).size() == before + 1, Duration.ofSeconds(20));
    }
}
