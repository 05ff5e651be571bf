package dev.panels.app.signin;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /auth/callback?code&state}: Keycloak's redirect back. Checks the state against this login's
 * cookie, exchanges the code server-side with the client secret and the PKCE verifier, verifies the ID token
 * (signature, iss, aud, exp, nonce), then keeps the refresh token in an encrypted SameSite=Strict cookie and
 * sends the browser to the page it asked for. The access token is not handed over here (never in a URL or
 * cookie): the UI fetches one from {@code POST /auth/refresh}. Failures land on the UI's sign-in-failed page
 * with a reason code only.
 */
@PermitAll
@WebServlet("/auth/callback")
public class CallbackServlet extends SessionServlet {

    private static final Logger LOG = Logger.getLogger(CallbackServlet.class.getName());
    /** Keycloak omits refresh_expires_in for offline tokens; cap the cookie at the realm's SSO max anyway. */
    private static final long FALLBACK_SESSION_SECONDS = Duration.ofHours(10).toSeconds();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SignIn.Parts parts = signIn.parts();
        String appUrl = signIn.config().appUrl();
        String state = request.getParameter("state");
        if (state == null || state.length() < 16 || state.length() > 128) {
            fail(response, appUrl, "invalid", "callback without a usable state");
            return;
        }
        Optional<Map<String, String>> login = SessionCookies.read(request, parts.cookies().loginName(state))
                .flatMap(sealed -> parts.crypto().open(SessionCookies.LOGIN_PURPOSE, sealed));
        parts.cookies().clearLogin(response, state); // one use, whatever happens next
        if (login.isEmpty() || !Pkce.same(login.get().get("state"), state)) {
            fail(response, appUrl, "expired", "no matching login state (expired, replayed or forged callback)");
            return;
        }
        String error = request.getParameter("error");
        if (error != null) {
            fail(response, appUrl, "access_denied".equals(error) ? "denied" : "invalid", "Keycloak returned error " + safe(error));
            return;
        }
        String code = request.getParameter("code");
        if (code == null || code.isBlank()) {
            fail(response, appUrl, "invalid", "callback without a code");
            return;
        }
        OidcClient.Tokens tokens;
        try {
            tokens = parts.oidc().exchangeCode(code, signIn.redirectUri(), login.get().get("verifier"));
            parts.idTokens().verify(tokens.idToken(), login.get().get("nonce"));
        } catch (OidcClient.Refused e) {
            fail(response, appUrl, "expired", "the code was refused: " + safe(e.getMessage()));
            return;
        } catch (OidcClient.Unavailable e) {
            fail(response, appUrl, "unavailable", e.getMessage());
            return;
        } catch (IdTokenVerifier.Invalid e) {
            fail(response, appUrl, "invalid", e.getMessage());
            return;
        }
        long maxAge = tokens.refreshExpiresIn() > 0 ? tokens.refreshExpiresIn() : FALLBACK_SESSION_SECONDS;
        Instant expires = Instant.now().plusSeconds(maxAge);
        setRefreshCookie(response, tokens.refreshToken(), Instant.now(), maxAge);
        parts.cookies().setIdToken(response, parts.crypto().seal(SessionCookies.ID_TOKEN_PURPOSE,
                Map.of("idt", tokens.idToken()), expires), maxAge);
        response.sendRedirect(appUrl + ReturnTo.sanitize(login.get().get("returnTo")));
    }

    private static void fail(HttpServletResponse response, String appUrl, String reason, String logDetail) throws IOException {
        LOG.log(Level.WARNING, "Sign-in callback failed ({0}): {1}", new Object[]{reason, logDetail});
        response.sendRedirect(appUrl + "/#/sign-in-failed/" + reason);
    }

    /** Error codes come from the query string: keep log lines to a short, printable token. */
    private static String safe(String value) {
        return value == null ? "" : value.replaceAll("[^A-Za-z0-9_.-]", "?").substring(0, Math.min(64, value.length()));
    }
}
