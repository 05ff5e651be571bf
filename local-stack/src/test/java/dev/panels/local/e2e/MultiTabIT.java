package dev.panels.local.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Tabs of one browser share one session: joined without a login, ended together. */
class MultiTabIT {

    private Browser browser;
    private String firstTab;

    @BeforeEach
    void signIn() throws Exception {
        browser = new Browser();
        SignInFlows.asMember(browser, E2eStack.newPerson("panels-editor"));
        firstTab = browser.driver.getWindowHandle();
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void aSecondTabIsSignedInWithoutALogin() {
        browser.driver.switchTo().newWindow(WindowType.TAB);
        browser.open(E2eStack.appUrl() + "/#/panels");
        browser.waitFor(SignInFlows.PANELS_PAGE);
        assertThat(browser.url()).startsWith(E2eStack.appUrl());
        assertThat(browser.driver.findElement(By.id("who")).isDisplayed()).isTrue();
        browser.screenshot("second-tab-signed-in");
    }

    @Test
    void signingOutInOneTabSignsOutTheOther() {
        browser.driver.switchTo().newWindow(WindowType.TAB);
        browser.open(E2eStack.appUrl() + "/#/panels");
        browser.waitFor(SignInFlows.PANELS_PAGE);
        String secondTab = browser.driver.getWindowHandle();

        browser.driver.switchTo().window(firstTab);
        browser.driver.findElement(By.id("logout")).click();
        browser.until(d -> d.getCurrentUrl().startsWith(E2eStack.appUrl())
                && !d.findElements(By.cssSelector("[data-state='signed-out']")).isEmpty(), Duration.ofSeconds(30));
        browser.until(d -> browser.allCookies().stream().noneMatch(c -> String.valueOf(c.get("name")).endsWith("panels-session")),
                Duration.ofSeconds(30));

        browser.driver.switchTo().window(secondTab);
        browser.waitFor(By.cssSelector("[data-state='signed-out']"), Duration.ofSeconds(10));
        browser.screenshot("signed-out");
        // Not just the screen: the browser session is over, a reload cannot get a token back.
        browser.driver.navigate().refresh();
        browser.waitFor(By.cssSelector("[data-state='signed-out']"), Duration.ofSeconds(30));
        assertThat(browser.url()).startsWith(E2eStack.appUrl());
    }
}
