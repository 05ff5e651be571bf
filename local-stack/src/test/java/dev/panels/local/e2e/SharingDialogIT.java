package dev.panels.local.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An owner shares a panel from the dialog: the member search asks the server as they type and finds only people of
 * their own organization; the colleague they make an editor, in a second browser, then sees the panel and may edit it,
 * and hears of the owner's next change to it while he has it open.
 */
class SharingDialogIT {

    @Test
    void anOwnerFindsAColleagueSharesThePanelAndTheColleagueSeesItAndHearsOfItsChanges() throws Exception {
        try (Browser rita = new Browser(); Browser sam = new Browser()) {
            // Sam signs in once, so Keycloak knows him as a member of Riverside.
            SignInFlows.throughStytch(sam, "sam.builder@riverside.example", "Riverside Health");
            SignInFlows.throughStytch(rita, "rita.admin@riverside.example", "Riverside Health");
            String name = "Shared " + UUID.randomUUID().toString().substring(0, 6);
            PanelPages.create(rita, name);
            sam.driver.navigate().refresh();
            sam.waitFor(SignInFlows.PANELS_PAGE, Duration.ofSeconds(30));
            Thread.sleep(1000);
            assertThat(sam.driver.findElement(SignInFlows.PANELS_PAGE).getText()).as("not shared yet").doesNotContain(name);

            rita.waitFor(By.id("share-panel")).click();
            WebElement search = rita.waitFor(By.id("member-search"));
            search.sendKeys("s");
            Thread.sleep(600);
            assertThat(rita.driver.findElements(By.cssSelector("#member-results li[data-member-id]"))).as("one letter asks nothing").isEmpty();
            search.sendKeys("am.b");
            rita.until(d -> !d.findElements(By.cssSelector("#member-results li[data-member-id]")).isEmpty(), Duration.ofSeconds(20));
            assertThat(rita.driver.findElements(By.cssSelector("#member-results li[data-member-id]")))
                    .allSatisfy(li -> assertThat(li.getText()).contains("sam.builder@riverside.example"));
            search.clear();
            search.sendKeys("ada.admin");
            rita.until(d -> d.findElements(By.cssSelector("#member-results li")).stream().anyMatch(li -> li.getText().contains("No member")),
                    Duration.ofSeconds(20));

            search.clear();
            search.sendKeys("sam.builder");
            rita.until(d -> !d.findElements(By.cssSelector("#member-results li[data-member-id] button")).isEmpty(), Duration.ofSeconds(20));
            rita.driver.findElement(By.cssSelector("#member-results li[data-member-id] button")).click();
            WebElement added = rita.waitFor(By.xpath("//ul[@id='sharing-list']/li[contains(., 'sam.builder@riverside.example')]"));
            new Select(added.findElement(By.tagName("select"))).selectByValue("editor");
            new Select(rita.driver.findElement(By.id("everyone-level"))).selectByValue("viewer");
            rita.screenshot("sharing-dialog");
            rita.driver.findElement(By.id("sharing-save")).click();
            rita.until(d -> d.findElement(By.id("status")).getText().contains("Sharing saved"), Duration.ofSeconds(20));

            // Everyone may view; only Sam's own grant makes him an editor, which the Edit button shows.
            sam.driver.navigate().refresh();
            sam.until(d -> d.findElements(By.cssSelector("#panel-list")).stream().anyMatch(l -> l.getText().contains(name)), Duration.ofSeconds(30));
            sam.driver.findElement(By.linkText(name)).click();
            PanelPages.awaitTitle(sam, name);
            sam.waitFor(By.id("edit-panel"));

            // Rita adds a column while Sam has the panel open: his page names her and the change, without a reload,
            // and shows the column once he asks to.
            PanelPages.awaitLive(sam, Duration.ofSeconds(60));
            sam.js("window.__noReloadMarker = 'still here'");
            assertThat(sam.waitFor(By.cssSelector("[data-state='no-columns']")).getText()).contains("no columns for patient rows");
            // Rita has the panel open in a second tab too: her own change is no news there
            String ritasFirstTab = rita.driver.getWindowHandle();
            String panelUrl = rita.url();
            rita.driver.switchTo().newWindow(WindowType.TAB);
            rita.open(panelUrl);
            PanelPages.awaitTitle(rita, name, Duration.ofSeconds(30));
            PanelPages.awaitLive(rita, Duration.ofSeconds(60));
            String ritasSecondTab = rita.driver.getWindowHandle();
            rita.driver.switchTo().window(ritasFirstTab);
            rita.driver.findElement(By.id("tab-columns")).click();
            PanelPages.addColumn(rita, "Birth date", "patient", "Patient.birthDate");
            WebElement notice = sam.waitFor(By.cssSelector("#panel-changed:not([hidden])"), Duration.ofSeconds(30));
            assertThat(notice.getText()).contains("Rita Admin changed this panel").contains("Birth date");
            rita.driver.switchTo().window(ritasSecondTab);
            // hidden, so waited for as present: it looked into the change and said nothing
            rita.until(d -> !d.findElements(By.cssSelector("#panel-changed[data-heard]")).isEmpty(), Duration.ofSeconds(30));
            WebElement ritasNotice = rita.driver.findElement(By.id("panel-changed"));
            assertThat(ritasNotice.isDisplayed()).as("one's own change is no news").isFalse();
            sam.screenshot("panel-changed");
            assertThat(sam.js("return window.__noReloadMarker")).as("the page was not reloaded").isEqualTo("still here");
            sam.driver.findElement(By.id("show-panel-change")).click();
            sam.until(d -> d.findElements(By.cssSelector("#worklist thead th")).stream().anyMatch(th -> th.getText().contains("Birth date")),
                    Duration.ofSeconds(30));
            assertThat(sam.driver.findElements(By.cssSelector("[data-state='no-columns']"))).isEmpty();
        }
    }
}
