package dev.panels.local.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Sessions page lists the person's Keycloak sessions and ends them; an ended session stops working in the app. */
class SessionRevocationIT {

    @Test
    void aSessionSignedOutFromTheSessionsPageLosesAccessWithinSeconds() throws Exception {
        E2eStack.Person person = E2eStack.newPerson("panels-editor");
        try (Browser laptop = new Browser(); Browser ward = new Browser()) {
            SignInFlows.asMember(ward, person);
            SignInFlows.asMember(laptop, person);

            laptop.open(E2eStack.appUrl() + "/#/sessions");
            laptop.waitFor(By.cssSelector("table#sessions"));
            List<WebElement> rows = laptop.driver.findElements(By.cssSelector("table#sessions tbody tr[data-session-id]"));
            assertThat(rows).as("both browsers' sessions are listed").hasSize(2);
            assertThat(rows.stream().filter(r -> "true".equals(r.getAttribute("data-current")))).hasSize(1);
            laptop.screenshot("sessions");

            WebElement other = rows.stream().filter(r -> "false".equals(r.getAttribute("data-current"))).findFirst().orElseThrow();
            other.findElement(By.cssSelector("[data-action='sign-out-session']")).click();
            laptop.driver.switchTo().alert().accept();
            laptop.until(d -> d.findElements(By.cssSelector("table#sessions tbody tr[data-session-id]")).size() == 1, Duration.ofSeconds(15));

            // The ward tab sits idle on its page; it must notice by itself (no reload, no click).
            ward.waitFor(By.cssSelector("[data-state='session-expired']"), Duration.ofSeconds(45));
            ward.screenshot("session-expired");
            // The laptop's own session is untouched.
            laptop.open(E2eStack.appUrl() + "/#/panels");
            laptop.waitFor(SignInFlows.PANELS_PAGE);
        }
    }
}
