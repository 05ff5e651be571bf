package dev.panels.local.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/** The production sign-in path: Keycloak → Stytch IdP → magic link from the dev inbox → organization pick → app. */
class StytchSignInIT {

    @Test
    void aClinicianInTwoOrganizationsSignsInWithAMagicLinkAndPicksOne() throws Exception {
        try (Browser browser = new Browser()) {
            SignInFlows.throughStytch(browser, "casey.both@shared.example", "Riverside Health");
            browser.screenshot("signed-in-through-stytch");
            assertThat(browser.driver.findElement(By.id("who-name")).getText()).isEqualTo("Casey Both");
        }
    }
}
