package dev.panels.app.signin;

import java.util.Locale;

/**
 * CSRF defence of the cookie-authenticated endpoints ({@code /auth/refresh}, {@code /auth/logout}): a custom
 * header (a cross-site form or link cannot set one, and a cross-site fetch with one needs a CORS preflight we
 * never grant) and an {@code Origin} equal to the app's origin. {@code Sec-Fetch-Site}, when the browser sends
 * it, must say same-origin. SameSite=Strict on the cookie is the third layer.
 */
public final class Csrf {

    public static final String HEADER = "X-Panels-CSRF";

    private Csrf() {
    }

    /** Null when the request passes, else a reason safe to return to the client. */
    public static String check(String headerValue, String origin, String secFetchSite, String appOrigin) {
        if (!"1".equals(headerValue)) {
            return "the " + HEADER + " header is required";
        }
        if (origin == null || origin.isBlank()) {
            return "the Origin header is required";
        }
        if (!origin.strip().toLowerCase(Locale.ROOT).equals(appOrigin.toLowerCase(Locale.ROOT))) {
            return "cross-origin requests are not accepted";
        }
        if (secFetchSite != null && !secFetchSite.isBlank() && !"same-origin".equalsIgnoreCase(secFetchSite.strip())) {
            return "cross-origin requests are not accepted";
        }
        return null;
    }
}
