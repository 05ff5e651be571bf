package dev.panels.local.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin reads what happened: a panel's change history tab, then the audit page filtered by action, a refused
 * filter that keeps what was typed, paging, and the CSV export.
 */
class AuditTrailIT {

    @Test
    void anAdminReadsAPanelsHistoryAndFiltersAndExportsTheAuditTrail() throws Exception {
        try (Browser browser = new Browser()) {
            SignInFlows.throughStytch(browser, "rita.admin@riverside.example", "Riverside Health");
            String name = "Audited " + UUID.randomUUID().toString().substring(0, 6);
            PanelPages.create(browser, name);

            browser.driver.findElement(By.id("tab-history")).click();
            browser.until(d -> d.findElements(By.cssSelector("#history-list li[data-action='panel.create']")).stream()
                    .anyMatch(li -> li.getText().contains(name)), Duration.ofSeconds(20));
            browser.screenshot("panel-history");

            browser.waitFor(By.cssSelector("a[data-nav='audit']")).click();
            WebElement action = browser.waitFor(By.cssSelector("#audit-filters [name='action']"));
            action.sendKeys("DROP TABLE");
            browser.driver.findElement(By.cssSelector("#audit-filters button[type='submit']")).click();
            browser.until(d -> d.findElement(By.cssSelector("[data-error-for='action']")).getText().contains("must be an action"),
                    Duration.ofSeconds(20));
            assertThat(action.getAttribute("value")).isEqualTo("DROP TABLE");

            action.clear();
            action.sendKeys("panel.*");
            browser.driver.findElement(By.cssSelector("#audit-filters button[type='submit']")).click();
            browser.until(d -> d.findElements(By.cssSelector("#audit-table tbody tr[data-action='panel.create']")).stream()
                    .anyMatch(tr -> tr.getText().contains("Rita")), Duration.ofSeconds(20));
            assertThat(browser.driver.findElements(By.cssSelector("#audit-table tbody tr[data-action]")))
                    .allSatisfy(tr -> assertThat(tr.getAttribute("data-action")).startsWith("panel."));
            assertThat(browser.driver.findElement(By.cssSelector("[data-error-for='action']")).getText()).isEmpty();
            browser.screenshot("audit-page");

            browser.driver.findElement(By.id("audit-export")).click();
            browser.until(d -> d.findElement(By.id("status")).getText().contains("Audit export downloaded"), Duration.ofSeconds(20));
        }
    }
}
