package dev.panels.app.signin;

import dev.panels.app.problem.Problem;
import dev.panels.app.problem.ProblemType;
import jakarta.annotation.security.PermitAll;
import dev.panels.app.Jsonp;
import dev.panels.app.metrics.AppMetrics;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /auth/refresh} (CSRF rule: {@code X-Panels-CSRF: 1} and the app's Origin): uses the refresh
 * token from the encrypted cookie, stores the rotated one, and returns {@code {access_token, expires_in}}
 * for the UI to keep in memory. A refused grant (expired, revoked, or reused after rotation) ends the
 * browser session: the cookies are cleared and the answer is 401 with the "session" problem type.
 */
@PermitAll
@WebServlet("/auth/refresh")
public class RefreshServlet extends SessionServlet {

    private static final Logger LOG = Logger.getLogger(RefreshServlet.class.getName());
    static final int RETRY_AFTER_SECONDS = 5;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SignIn.Parts parts = signIn.parts();
        if (!csrfPasses(request, response)) {
            return;
        }
        Optional<RefreshCookie> cookie = refreshCookie(request);
        if (cookie.isEmpty()) {
            parts.cookies().clearSession(response);
            problem(response, Problem.of(ProblemType.AUTHENTICATION, "Not signed in"), null);
            return;
        }
        OidcClient.Tokens tokens;
        try {
            tokens = parts.oidc().refresh(cookie.get().refreshToken());
        } catch (OidcClient.Refused e) {
            LOG.log(Level.INFO, "Refresh refused by Keycloak ({0}); browser session ended", e.getMessage());
            AppMetrics.sessionEnded(AppMetrics.SessionEnd.REFRESH_REFUSED, cookie.get().startedAt());
            parts.cookies().clearSession(response);
            problem(response, Problem.of(ProblemType.SESSION, "session-expired: your session has ended; sign in again"), null);
            return;
        } catch (OidcClient.Unavailable e) {
            LOG.log(Level.WARNING, "Refresh failed: {0}", e.getMessage());
            problem(response, Problem.of(ProblemType.UPSTREAM_UNAVAILABLE, "The sign-in service is unavailable; retrying shortly"),
                    RETRY_AFTER_SECONDS);
            return;
        }
        long maxAge = tokens.refreshExpiresIn() > 0 ? tokens.refreshExpiresIn() : 36000;
        setRefreshCookie(response, tokens.refreshToken(), cookie.get().startedAt(), maxAge);
        json(response, Jsonp.createObjectBuilder()
                .add("access_token", tokens.accessToken())
                .add("token_type", "Bearer")
                .add("expires_in", tokens.expiresIn())
                .build().toString());
    }
}
