package dev.panels.local.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access tokens expire while the page stays open; the UI refreshes them ahead of time, so the person never
 * sees a sign-in or an error. The app client's token lifespan is cut to 30 s for this test (restored after)
 * so expiry happens several times within the test instead of after 5 minutes.
 */
class SilentRefreshIT {

    private static final int LIFESPAN_SECONDS = 30;

    @BeforeAll
    static void shortTokens() throws Exception {
        E2eStack.appClientAccessTokenLifespan(LIFESPAN_SECONDS);
    }

    @AfterAll
    static void realmDefault() throws Exception {
        E2eStack.appClientAccessTokenLifespan(null);
    }

    @Test
    void anExpiringAccessTokenIsRefreshedWithoutVisibleInterruption() throws Exception {
        try (Browser browser = new Browser()) {
            SignInFlows.asMember(browser, E2eStack.newPerson("panels-editor"));
            Set<String> refreshCookies = new HashSet<>();
            Instant end = Instant.now().plusSeconds(LIFESPAN_SECONDS * 3L);
            while (Instant.now().isBefore(end)) {
                assertThat(browser.url()).as("never sent to sign in").startsWith(E2eStack.appUrl());
                assertThat(browser.driver.findElements(By.cssSelector("[data-state]"))).as("no error or sign-in state shown").isEmpty();
                assertThat(browser.driver.findElement(SignInFlows.PANELS_PAGE).isDisplayed()).isTrue();
                browser.allCookies().stream().filter(c -> String.valueOf(c.get("name")).endsWith("panels-session"))
                        .map(c -> String.valueOf(c.get("value"))).forEach(refreshCookies::add);
                Thread.sleep(1000);
            }
            // Each refresh rotates the refresh token, so the sealed cookie changes: 90 s of 30-s tokens means
            // the first token and at least two refreshed ones.
            assertThat(refreshCookies).as("refresh cookies seen").hasSizeGreaterThanOrEqualTo(3);

            // And the token in memory now is a live one: an API-backed navigation works without any sign-in.
            browser.open(E2eStack.appUrl() + "/#/panels/new");
            browser.waitFor(By.id("panel-form"));
            browser.driver.findElement(By.cssSelector("a.button.secondary")).click();
            browser.waitFor(SignInFlows.PANELS_PAGE);
            assertThat(browser.driver.findElements(By.cssSelector("[data-state]"))).isEmpty();
        }
    }
}
