package dev.panels.app.signin;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;

/**
 * Security headers for the web UI and the sign-in endpoints (the JSON API under {@code /api} is left to its
 * own code). A strict Content-Security-Policy: scripts and styles only from this origin (no inline code, no
 * eval), fetches only to this origin and Keycloak (the account API of the Sessions page), forms only to this
 * origin and Keycloak (RP-initiated logout), no framing.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class UiSecurityHeadersFilter extends HttpFilter {

    @Inject
    SessionConfig config;

    private volatile String policy;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/api/") && !path.equals("/api") && !path.startsWith("/health")) {
            response.setHeader("Content-Security-Policy", policy());
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
            response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
            if (path.isEmpty() || path.equals("/") || path.endsWith(".html") || path.startsWith("/app/")) {
                // The UI is small and changes with each deployment: always revalidate.
                response.setHeader("Cache-Control", "no-cache");
            }
        }
        chain.doFilter(request, response);
    }

    String policy() {
        String current = policy;
        if (current == null) {
            String keycloak;
            try {
                keycloak = " " + Origins.of(URI.create(config.issuer()));
            } catch (RuntimeException e) {
                keycloak = ""; // not configured: the UI will show sign-in as unavailable
            }
            current = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                    + "connect-src 'self'" + keycloak + "; form-action 'self'" + keycloak + "; "
                    + "frame-ancestors 'none'; base-uri 'none'; manifest-src 'self'";
            policy = current;
        }
        return current;
    }
}
