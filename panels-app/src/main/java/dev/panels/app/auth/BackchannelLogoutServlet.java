package dev.panels.app.auth;

import dev.panels.app.PanelsConfig;
import dev.panels.app.problem.DatabaseUnavailable;
import jakarta.inject.Inject;
import dev.panels.app.Jsonp;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * OIDC Back-Channel Logout 1.0 receiver: Keycloak POSTs {@code logout_token} (form encoded) here when a
 * session ends; the session id is recorded and every access token of it is refused from then on.
 * Answers 200 on success and 400 {@code invalid_request} otherwise, never cached (spec section 2.8).
 * A servlet rather than a JAX-RS resource: the caller is Keycloak with no bearer token, and the
 * {@code /auth/*} space is left to the browser sign-in endpoints.
 */
@WebServlet("/auth/backchannel-logout")
public class BackchannelLogoutServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(BackchannelLogoutServlet.class.getName());

    @Inject
    PanelsConfig config;

    @Inject
    SessionRevocations revocations;

    private volatile LogoutTokenVerifier verifier;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            reject(response, "the body must be application/x-www-form-urlencoded");
            return;
        }
        LogoutTokenVerifier.Logout logout;
        try {
            logout = verifier().verify(request.getParameter("logout_token"));
        } catch (LogoutTokenVerifier.Invalid e) {
            LOG.log(Level.WARNING, "Back-channel logout refused: {0}", e.getMessage());
            reject(response, e.getMessage());
            return;
        }
        try {
            revocations.revoke(logout.sid(), logout.subject());
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            // Keycloak does not retry: the session's access tokens stay usable until they expire (refresh fails).
            LOG.log(Level.SEVERE, "Back-channel logout of session {0} of {1} NOT recorded: the database is unavailable",
                    new Object[]{logout.sid(), logout.subject()});
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
            return;
        }
        LOG.log(Level.INFO, "Back-channel logout: session {0} of {1} revoked", new Object[]{logout.sid(), logout.subject()});
        response.setStatus(HttpServletResponse.SC_OK);
    }

    private LogoutTokenVerifier verifier() {
        LogoutTokenVerifier current = verifier;
        if (current == null) {
            synchronized (this) {
                if (verifier == null) {
                    verifier = LogoutTokenVerifier.forJwks(config.jwksUrl(), config.issuer(), config.audiences(), config.clockSkew());
                }
                current = verifier;
            }
        }
        return current;
    }

    private static void reject(HttpServletResponse response, String description) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Jsonp.createObjectBuilder()
                .add("error", "invalid_request").add("error_description", description).build().toString());
    }
}
