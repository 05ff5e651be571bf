package dev.panels.emulator.stytch;

/** The emulated Stytch project: credentials and the dashboard's default redirect URLs. */
public final class Project {
    public String projectId;
    public String secret;
    public String publicToken;
    public String defaultDiscoveryRedirectUrl;
    public String defaultLoginRedirectUrl;
    public String defaultSignupRedirectUrl;
}
