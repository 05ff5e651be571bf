package dev.panels.app.signin;

import dev.panels.app.PanelsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the browser sign-in endpoints (token-mediating backend), read through MicroProfile Config.
 * Every key is overridable by its environment variable (MP Config mapping):
 * <ul>
 * <li>{@code PANELS_APP_URL} — the app's public URL incl. context path, e.g. {@code https://panels.example/panels}</li>
 * <li>{@code MP_JWT_VERIFY_ISSUER} — Keycloak realm URL as browsers see it (authorize/end-session/account API)</li>
 * <li>{@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} — the realm's JWKS (ID tokens are verified against it)</li>
 * <li>{@code PANELS_OIDC_SERVER_URL} — realm URL as the app server reaches it (defaults to the issuer)</li>
 * <li>{@code PANELS_OIDC_CLIENT_ID} (default {@code panels-app}), {@code PANELS_OIDC_CLIENT_SECRET}</li>
 * <li>{@code PANELS_OIDC_SCOPE} (default {@code openid}), {@code PANELS_OIDC_IDP_HINT} (optional, e.g. {@code stytch-b2b})</li>
 * <li>{@code PANELS_SESSION_COOKIE_KEYS} — comma-separated base64url 256-bit keys; the first encrypts, all decrypt</li>
 * <li>{@code PANELS_SESSION_COOKIE_SECURE} (default {@code true}), {@code PANELS_OIDC_TIMEOUT_MS} (default 5000)</li>
 * </ul>
 * The issuer, JWKS and clock skew come from {@link PanelsConfig} (required: the API's token checks need them).
 * The values only these endpoints need are optional here so a server without them still deploys; the endpoints
 * then answer a clear 503 instead of the whole WAR failing (the API keeps working for bearer-token clients).
 */
@ApplicationScoped
public class SessionConfig {

    @Inject
    @ConfigProperty(name = "panels.app-url")
    Optional<String> appUrl;

    /** Issuer, JWKS and clock skew are the app's MP-JWT settings: one place, shared with the API's checks. */
    @Inject
    PanelsConfig panels;

    @Inject
    @ConfigProperty(name = "panels.oidc.server-url")
    Optional<String> serverUrl;

    @Inject
    @ConfigProperty(name = "panels.oidc.client-id", defaultValue = "panels-app")
    String clientId;

    @Inject
    @ConfigProperty(name = "panels.oidc.client-secret")
    Optional<String> clientSecret;

    @Inject
    @ConfigProperty(name = "panels.oidc.scope", defaultValue = "openid")
    String scope;

    @Inject
    @ConfigProperty(name = "panels.oidc.idp-hint")
    Optional<String> idpHint;

    @Inject
    @ConfigProperty(name = "panels.session.cookie-keys")
    Optional<String> cookieKeys;

    /** Only for plain-HTTP development hosts other than localhost; browsers treat localhost as secure. */
    @Inject
    @ConfigProperty(name = "panels.session.cookie-secure", defaultValue = "true")
    boolean cookieSecure;

    @Inject
    @ConfigProperty(name = "panels.oidc.timeout-ms", defaultValue = "5000")
    int timeoutMs;

    /** The app URL without a trailing slash, e.g. {@code http://localhost:8080/panels}. */
    public String appUrl() {
        return strip(required(appUrl, "PANELS_APP_URL"));
    }

    /** Scheme, host and port of the app, as browsers send it in {@code Origin}. */
    public String appOrigin() {
        return Origins.of(URI.create(appUrl()));
    }

    public String issuer() {
        return strip(panels.issuer());
    }

    public String jwksUrl() {
        return panels.jwksUrl();
    }

    /** Where the server calls Keycloak (token, logout); the same realm, possibly another address. */
    public String serverUrl() {
        return serverUrl.map(SessionConfig::strip).filter(s -> !s.isBlank()).orElseGet(this::issuer);
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return required(clientSecret, "PANELS_OIDC_CLIENT_SECRET");
    }

    public String scope() {
        return scope;
    }

    public Optional<String> idpHint() {
        return idpHint.map(String::strip).filter(s -> !s.isEmpty());
    }

    public List<String> cookieKeys() {
        return Arrays.stream(required(cookieKeys, "PANELS_SESSION_COOKIE_KEYS").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public boolean cookieSecure() {
        return cookieSecure;
    }

    public Duration timeout() {
        return Duration.ofMillis(timeoutMs);
    }

    public Duration clockSkew() {
        return panels.clockSkew();
    }

    /** The context path of the app URL (e.g. {@code /panels}), which scopes the session cookies. */
    public String contextPath() {
        String path = URI.create(appUrl()).getRawPath();
        return path == null ? "" : path;
    }

    private static String required(Optional<String> value, String env) {
        return value.map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new NotConfigured(env));
    }

    private static String strip(String url) {
        String s = url.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** A required setting is missing: sign-in cannot work on this server. */
    public static final class NotConfigured extends RuntimeException {
        public NotConfigured(String env) {
            super(env + " is not set", null, false, false);
        }
    }
}
