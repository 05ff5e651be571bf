package dev.panels.local.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The production sign-in path: Keycloak → Stytch IdP → magic link from the dev inbox → organization pick → app. */
class StytchSignInIT {

    @Test
    void aClinicianInTwoOrganizationsSignsInWithAMagicLinkAndPicksOne() throws Exception {
        assumeTrue(E2eStack.stytchIdentityProviderConfigured(),
                "blocked: the realm has no stytch-b2b identity provider yet (keycloak-stytch-idp + realm export)");
        try (Browser browser = new Browser()) {
            SignInFlows.throughStytch(browser, "casey.both@shared.example", "Riverside Health");
            browser.screenshot("signed-in-through-stytch");
            assertThat(browser.driver.findElement(By.id("who-name")).getText()).isEqualTo("casey.both@shared.example");
        }
    }
}
