package dev.panels.app.signin;

import dev.panels.app.problem.Problem;
import dev.panels.app.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Common ground of the sign-in endpoints: never cached, errors as problem+json, a missing setting turned
 * into a 503 (logged once, by name only). Servlets rather than JAX-RS resources: they live outside
 * {@code /api}, take no bearer token, and are open to anyone by design (@PermitAll on each).
 */
abstract class SessionServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(SessionServlet.class.getName());
    private static final String REFRESH_TOKEN = "rt";
    private static final String STARTED_AT = "st";

    @Inject
    SignIn signIn;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Referrer-Policy", "no-referrer");
        try {
            super.service(request, response);
        } catch (SessionConfig.NotConfigured | IllegalArgumentException e) {
            LOG.log(Level.SEVERE, "Browser sign-in is not configured: {0}", e.getMessage());
            problem(response, Problem.of(ProblemType.UPSTREAM_UNAVAILABLE, "Sign-in is not configured on this server"), null);
        }
    }

    static void problem(HttpServletResponse response, Problem problem, Integer retryAfterSeconds) throws IOException {
        response.setStatus(problem.type().status());
        response.setContentType(ProblemType.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (retryAfterSeconds != null) {
            response.setHeader("Retry-After", retryAfterSeconds.toString());
        }
        response.getWriter().write(problem.toJson());
    }

    static void json(HttpServletResponse response, String body) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body);
    }

    /** The sealed refresh cookie: Keycloak's refresh token, and when this browser session began (null if unknown). */
    record RefreshCookie(String refreshToken, Instant startedAt) {
    }

    Optional<RefreshCookie> refreshCookie(HttpServletRequest request) {
        SignIn.Parts parts = signIn.parts();
        return SessionCookies.read(request, parts.cookies().refreshName())
                .flatMap(sealed -> parts.crypto().open(SessionCookies.REFRESH_PURPOSE, sealed))
                .filter(claims -> claims.get(REFRESH_TOKEN) != null)
                .map(claims -> new RefreshCookie(claims.get(REFRESH_TOKEN), startedAt(claims.get(STARTED_AT))));
    }

    void setRefreshCookie(HttpServletResponse response, String refreshToken, Instant startedAt, long maxAgeSeconds) {
        SignIn.Parts parts = signIn.parts();
        Map<String, String> claims = startedAt == null ? Map.of(REFRESH_TOKEN, refreshToken)
                : Map.of(REFRESH_TOKEN, refreshToken, STARTED_AT, Long.toString(startedAt.getEpochSecond()));
        parts.cookies().setRefresh(response, parts.crypto().seal(SessionCookies.REFRESH_PURPOSE, claims,
                Instant.now().plusSeconds(maxAgeSeconds)), maxAgeSeconds);
    }

    private static Instant startedAt(String epochSeconds) {
        try {
            return epochSeconds == null ? null : Instant.ofEpochSecond(Long.parseLong(epochSeconds));
        } catch (NumberFormatException e) {
            return null; // sealed by us, so never expected; the duration is then simply not recorded
        }
    }

    /** The CSRF rule of every state-changing endpoint; answers 403 and returns false when it fails. */
    boolean csrfPasses(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String reason = Csrf.check(request.getHeader(Csrf.HEADER), request.getHeader("Origin"),
                request.getHeader("Sec-Fetch-Site"), signIn.config().appOrigin());
        if (reason != null) {
            problem(response, Problem.of(ProblemType.PERMISSION, "Request refused: " + reason), null);
            return false;
        }
        return true;
    }
}
