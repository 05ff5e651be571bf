package dev.panels.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.panels.testsupport.StytchDevInbox;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ways a person signs in to the app in a browser, each ending on the signed-in panels page. */
final class SignInFlows {

    static final By PANELS_PAGE = By.id("panel-list");

    private SignInFlows() {
    }

    /** A member of one organization signs in through Stytch from the app's panels page. */
    static void asMember(Browser browser, E2eStack.Person person) throws Exception {
        throughStytch(browser, person.email(), null, E2eStack.appUrl() + "/#/panels");
        browser.waitFor(PANELS_PAGE, Duration.ofSeconds(30));
    }

    static void throughStytch(Browser browser, String email, String organizationName) throws Exception {
        throughStytch(browser, email, organizationName, E2eStack.appUrl() + "/#/panels");
        browser.waitFor(PANELS_PAGE, Duration.ofSeconds(30));
    }

    /**
     * App → Keycloak → "Stytch" → email → the magic link from the Stytch emulator's dev inbox, opened in the
     * same browser → organization pick (when the member belongs to several) → SMS code when the organization
     * requires MFA → back on the app at {@code startUrl} (the app's page, whatever state it shows).
     */
    static void throughStytch(Browser browser, String email, String organizationName, String startUrl) throws Exception {
        Instant started = Instant.now();
        browser.open(startUrl);
        // Keycloak's login page offers the provider, unless the realm redirects to it directly.
        WebElement first = browser.waitFor(By.cssSelector("a[id^='social-stytch'], #stytch-email"), Duration.ofSeconds(60));
        if ("a".equals(first.getTagName())) {
            first.click();
        }
        WebElement emailField = browser.waitFor(By.id("stytch-email"));
        emailField.sendKeys(email);
        emailField.submit();

        JsonNode message = awaitEmail(email, started);
        assertThat(message.path("link").asText()).as("magic link in the dev inbox").startsWith("http");
        browser.open(message.path("link").asText());

        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (browser.url().startsWith(E2eStack.appUrl()) && !browser.driver.findElements(By.cssSelector("#panel-list, [data-state], table#sessions")).isEmpty()) {
                return;
            }
            List<WebElement> organization = organizationName == null ? List.of() : browser.driver.findElements(By.xpath(
                    "//button[contains(@class, 'stytch-organization')][contains(normalize-space(.), '" + organizationName + "')]"));
            if (!organization.isEmpty() && organization.get(0).isDisplayed()) {
                organization.get(0).click();
                Thread.sleep(500);
                continue;
            }
            List<WebElement> code = browser.driver.findElements(By.cssSelector("input[name='code'], input[autocomplete='one-time-code']"));
            if (!code.isEmpty() && code.get(0).isDisplayed() && code.get(0).getAttribute("value").isEmpty()) {
                JsonNode sms = awaitEmail(email, started);
                code.get(0).sendKeys(sms.path("code").asText());
                code.get(0).submit();
            }
            Thread.sleep(500);
        }
        browser.screenshot("stytch-sign-in-stuck");
        throw new AssertionError("sign-in through Stytch did not reach the app; last page " + browser.url());
    }

    static JsonNode awaitEmail(String email, Instant after) throws Exception {
        return new StytchDevInbox(E2eStack.stytchUrl()).awaitSentAfter(email, after, Duration.ofSeconds(30));
    }
}
