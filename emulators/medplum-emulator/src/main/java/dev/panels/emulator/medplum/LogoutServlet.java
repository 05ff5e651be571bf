package dev.panels.emulator.medplum;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code POST /oauth2/logout} with the access token as bearer: revokes its login, so that access token and the
 * login's refresh token stop working at once (Medplum's {@code revokeLogin}).
 */
final class LogoutServlet extends HttpServlet {

    private final transient TokenService tokens;

    LogoutServlet(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<TokenService.Login> login = tokens.verifyBearer(req.getHeader("Authorization"));
        if (login.isEmpty()) {
            JsonResponses.unauthorized(resp);
            return;
        }
        tokens.revoke(login.get());
        JsonResponses.write(resp, 200, JsonResponses.outcome("information", "informational", "All OK"));
    }
}
