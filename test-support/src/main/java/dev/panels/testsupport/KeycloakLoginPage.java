package dev.panels.testsupport;

/** Keycloak's login page of the panels realm, as a test reads it. */
public record KeycloakLoginPage(HttpBrowser.Page page) {

    /** The identity-provider button of the Stytch provider (alias {@code stytch-b2b}). */
    public String stytchButton() {
        return page.link("social-stytch-b2b");
    }

    /** The username (and, on the second page of identity-first login, password) form. */
    public HttpBrowser.Form loginForm() {
        return page.form("kc-form-login");
    }

    public boolean showsLoginForm() {
        return page.status() == 200 && page.hasElement("kc-form-login");
    }
}
