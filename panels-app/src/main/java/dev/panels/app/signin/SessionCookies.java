package dev.panels.app.signin;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Duration;
import java.util.Optional;

/**
 * The three cookies of the sign-in flow, written as raw {@code Set-Cookie} headers so SameSite is set the
 * same way on every server. All are HttpOnly, Secure (unless explicitly disabled for a plain-HTTP dev host)
 * and path-scoped so they travel only to the endpoints that need them:
 * <ul>
 * <li>login state — per login attempt (name carries a state prefix, so two tabs logging in do not clobber
 * each other), Path {@code /auth/callback}, SameSite=Lax because it must come back on Keycloak's cross-site
 * redirect, 10 minutes;</li>
 * <li>refresh — Path {@code /auth} (refresh and logout), SameSite=Strict;</li>
 * <li>ID token (only as {@code id_token_hint} for RP-initiated logout) — Path {@code /auth/logout}, SameSite=Strict.</li>
 * </ul>
 */
public final class SessionCookies {

    public static final String LOGIN_PURPOSE = "panels-login+jwe";
    public static final String REFRESH_PURPOSE = "panels-refresh+jwe";
    public static final String ID_TOKEN_PURPOSE = "panels-idt+jwe";
    public static final Duration LOGIN_LIFETIME = Duration.ofMinutes(10);

    private final String contextPath;
    private final boolean secure;

    public SessionCookies(String contextPath, boolean secure) {
        this.contextPath = contextPath;
        this.secure = secure;
    }

    private String prefix() {
        // __Secure- makes browsers refuse the cookie unless it is Secure and set over a secure origin.
        return secure ? "__Secure-" : "";
    }

    public String loginName(String state) {
        return prefix() + "panels-login-" + state.substring(0, Math.min(12, state.length()));
    }

    public String refreshName() {
        return prefix() + "panels-session";
    }

    public String idTokenName() {
        return prefix() + "panels-idt";
    }

    public String loginPath() {
        return contextPath + "/auth/callback";
    }

    public String refreshPath() {
        return contextPath + "/auth";
    }

    public String idTokenPath() {
        return contextPath + "/auth/logout";
    }

    public void setLogin(HttpServletResponse response, String state, String sealed) {
        add(response, loginName(state), sealed, loginPath(), "Lax", LOGIN_LIFETIME.toSeconds());
    }

    public void clearLogin(HttpServletResponse response, String state) {
        add(response, loginName(state), "", loginPath(), "Lax", 0);
    }

    public void setRefresh(HttpServletResponse response, String sealed, long maxAgeSeconds) {
        add(response, refreshName(), sealed, refreshPath(), "Strict", maxAgeSeconds);
    }

    public void setIdToken(HttpServletResponse response, String sealed, long maxAgeSeconds) {
        add(response, idTokenName(), sealed, idTokenPath(), "Strict", maxAgeSeconds);
    }

    public void clearSession(HttpServletResponse response) {
        add(response, refreshName(), "", refreshPath(), "Strict", 0);
        add(response, idTokenName(), "", idTokenPath(), "Strict", 0);
    }

    public static Optional<String> read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    String header(String name, String value, String path, String sameSite, long maxAgeSeconds) {
        StringBuilder cookie = new StringBuilder(name).append('=').append(value)
                .append("; Path=").append(path)
                .append("; Max-Age=").append(Math.max(0, maxAgeSeconds));
        if (maxAgeSeconds <= 0) {
            cookie.append("; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        }
        cookie.append("; HttpOnly");
        if (secure) {
            cookie.append("; Secure");
        }
        cookie.append("; SameSite=").append(sameSite);
        return cookie.toString();
    }

    private void add(HttpServletResponse response, String name, String value, String path, String sameSite, long maxAge) {
        response.addHeader("Set-Cookie", header(name, value, path, sameSite, maxAge));
    }
}
