package dev.panels.app.signin;

import jakarta.annotation.security.PermitAll;
import dev.panels.app.Jsonp;
import dev.panels.app.metrics.AppMetrics;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /auth/logout} (same CSRF rule as refresh): ends the Keycloak session server-side with the
 * refresh token (Keycloak then back-channel-logs-out the app, so every token of the session is refused at
 * once), clears the cookies, and answers where the browser goes next: Keycloak's end-session endpoint
 * (RP-initiated logout, to drop Keycloak's own SSO cookies). {@code logout_url} is the plain GET form;
 * {@code end_session_endpoint} + {@code params} let the UI POST it with {@code id_token_hint}, which keeps
 * the ID token out of URLs and browser history.
 */
@PermitAll
@WebServlet("/auth/logout")
public class LogoutServlet extends SessionServlet {

    private static final Logger LOG = Logger.getLogger(LogoutServlet.class.getName());

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SignIn.Parts parts = signIn.parts();
        SessionConfig config = signIn.config();
        if (!csrfPasses(request, response)) {
            return;
        }
        Optional<RefreshCookie> cookie = refreshCookie(request);
        Optional<String> idToken = SessionCookies.read(request, parts.cookies().idTokenName())
                .flatMap(sealed -> parts.crypto().open(SessionCookies.ID_TOKEN_PURPOSE, sealed))
                .map(claims -> claims.get("idt"));
        boolean ended = false;
        if (cookie.isPresent()) {
            try {
                parts.oidc().endSession(cookie.get().refreshToken());
                ended = true;
                AppMetrics.sessionEnded(AppMetrics.SessionEnd.SIGNED_OUT, cookie.get().startedAt());
            } catch (OidcClient.Refused e) {
                ended = true; // already over at Keycloak
            } catch (OidcClient.Unavailable e) {
                // The cookie goes anyway; the end-session redirect below still ends the SSO session.
                LOG.log(Level.WARNING, "Logout could not reach Keycloak: {0}", e.getMessage());
            }
        }
        parts.cookies().clearSession(response);

        String endSession = config.issuer() + "/protocol/openid-connect/logout";
        String postLogout = config.appUrl() + "/";
        JsonObjectBuilder params = Jsonp.createObjectBuilder()
                .add("client_id", config.clientId())
                .add("post_logout_redirect_uri", postLogout);
        idToken.ifPresent(token -> params.add("id_token_hint", token));
        json(response, Jsonp.createObjectBuilder()
                .add("logout_url", endSession + "?client_id=" + enc(config.clientId()) + "&post_logout_redirect_uri=" + enc(postLogout))
                .add("end_session_endpoint", endSession)
                .add("params", params)
                .add("session_ended", ended)
                .build().toString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
