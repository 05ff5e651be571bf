package dev.panels.testsupport;

/**
 * The Stytch provider's pages (the provider's templates stytch-login.ftl and stytch-check-email.ftl), as a test
 * reads them: by the ids and classes the templates give their elements.
 */
public record StytchSignInPage(HttpBrowser.Page page) {

    /** The email form that asks for a magic link. */
    public HttpBrowser.Form emailForm() {
        return page.form("stytch-email-form");
    }

    /** Where the first OAuth button (e.g. Google) starts. */
    public String oauthStart() {
        return page.href("a.stytch-oauth");
    }

    /** Where the first SSO button (the organization's SAML/OIDC connection) starts. */
    public String ssoStart() {
        return page.href("a.stytch-sso");
    }

    /** On the "check your email" page: the URL the page polls for the link's status. */
    public String linkStatusUrl() {
        return page.html().getElementById("stytch-check-email").absUrl("data-status-url");
    }

    /** On the "check your email" page: the form for the code shown where the link was opened. */
    public HttpBrowser.Form continueForm() {
        return page.form("stytch-continue-form");
    }
}
