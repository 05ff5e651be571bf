package dev.panels.app.signin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;

/**
 * The sign-in machinery built once from {@link SessionConfig}: cookie crypto, the Keycloak client and the
 * ID-token verifier. Built lazily so a server that lacks a setting still deploys (the endpoints answer 503).
 */
@ApplicationScoped
public class SignIn {

    @Inject
    SessionConfig config;

    private volatile Parts parts;

    record Parts(CookieCrypto crypto, OidcClient oidc, IdTokenVerifier idTokens, SessionCookies cookies) {
    }

    public SessionConfig config() {
        return config;
    }

    /** Throws {@link SessionConfig.NotConfigured} (or IllegalArgumentException for a bad key) when unusable. */
    Parts parts() {
        Parts current = parts;
        if (current == null) {
            synchronized (this) {
                if (parts == null) {
                    parts = new Parts(
                            new CookieCrypto(config.cookieKeys(), Clock.systemUTC()),
                            new OidcClient(config.serverUrl(), config.clientId(), config.clientSecret(), config.timeout()),
                            IdTokenVerifier.forJwks(config.jwksUrl(), config.issuer(), config.clientId(), config.clockSkew()),
                            new SessionCookies(config.contextPath(), config.cookieSecure()));
                }
                current = parts;
            }
        }
        return current;
    }

    public String redirectUri() {
        return config.appUrl() + "/auth/callback";
    }
}
