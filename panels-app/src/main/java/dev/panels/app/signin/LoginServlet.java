package dev.panels.app.signin;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code GET /auth/login?returnTo=/path}: starts authorization code + PKCE (S256) with state and nonce.
 * The verifier, nonce and return path stay in an encrypted, HttpOnly cookie for this one login attempt;
 * only the state and the S256 challenge leave in the URL.
 */
@PermitAll
@WebServlet("/auth/login")
public class LoginServlet extends SessionServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SignIn.Parts parts = signIn.parts();
        SessionConfig config = signIn.config();
        String state = Pkce.random(32);
        String nonce = Pkce.random(32);
        String verifier = Pkce.newVerifier();
        String returnTo = ReturnTo.sanitize(request.getParameter("returnTo"));

        Map<String, String> login = Map.of("state", state, "nonce", nonce, "verifier", verifier, "returnTo", returnTo);
        parts.cookies().setLogin(response, state,
                parts.crypto().seal(SessionCookies.LOGIN_PURPOSE, login, Instant.now().plus(SessionCookies.LOGIN_LIFETIME)));

        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", config.clientId());
        query.put("redirect_uri", signIn.redirectUri());
        query.put("scope", config.scope());
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", Pkce.challenge(verifier));
        query.put("code_challenge_method", "S256");
        config.idpHint().ifPresent(hint -> query.put("kc_idp_hint", hint));
        StringJoiner url = new StringJoiner("&", config.issuer() + "/protocol/openid-connect/auth?", "");
        query.forEach((k, v) -> url.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        response.sendRedirect(url.toString());
    }
}
