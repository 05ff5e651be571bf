package dev.panels.emulator.medplum;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /oauth2/token}, following Medplum's {@code oauth/token.ts}: form-encoded; grants
 * {@code client_credentials} (client id/secret in the form or HTTP Basic), RFC 8693 token exchange and
 * {@code refresh_token} with rotation. Errors are {@code {"error","error_description"}} with status 400.
 */
final class OAuthTokenServlet extends HttpServlet {

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    private final transient Directory directory;
    private final transient TokenService tokens;
    private final transient UserInfoClient userInfo;
    private final String userinfoUrl;
    /** Requests per grant type that reached this endpoint (past the fault switches), for observing callers. */
    private final transient ConcurrentMap<String, AtomicLong> requests = new ConcurrentHashMap<>();

    OAuthTokenServlet(Directory directory, TokenService tokens, UserInfoClient userInfo, String userinfoUrl) {
        this.directory = directory;
        this.tokens = tokens;
        this.userInfo = userInfo;
        this.userinfoUrl = userinfoUrl;
    }

    long requests(String grantType) {
        AtomicLong n = grantType == null ? null : requests.get(grantType);
        return n == null ? 0 : n.get();
    }

    long requests() {
        return requests.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private record Refused(int status, String error, String description) {
    }

    private static final class RefusedException extends Exception {
        final transient Refused refused;

        RefusedException(String error, String description) {
            super(description, null, false, false);
            this.refused = new Refused(400, error, description);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String contentType = req.getContentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            resp.setStatus(400);
            resp.setContentType("text/plain;charset=utf-8");
            resp.getWriter().write("Unsupported content type");
            return;
        }
        try {
            String grantType = req.getParameter("grant_type");
            requests.computeIfAbsent(grantType == null ? "" : grantType, g -> new AtomicLong()).incrementAndGet();
            if (grantType == null || grantType.isBlank()) {
                throw new RefusedException("invalid_request", "Missing grant_type");
            }
            TokenService.Issued issued = switch (grantType) {
                case "client_credentials" -> clientCredentials(req);
                case TOKEN_EXCHANGE -> tokenExchange(req);
                case "refresh_token" -> refresh(req);
                default -> throw new RefusedException("invalid_request", "Unsupported grant_type");
            };
            JsonResponses.write(resp, 200, body(issued));
        } catch (RefusedException e) {
            JsonResponses.oauthError(resp, e.refused.status(), e.refused.error(), e.refused.description());
        }
    }

    private TokenService.Issued clientCredentials(HttpServletRequest req) throws RefusedException {
        String[] credentials = clientCredentialsOf(req);
        if (credentials[0] == null || credentials[0].isBlank()) {
            throw new RefusedException("invalid_request", "Missing client_id");
        }
        if (credentials[1] == null || credentials[1].isBlank()) {
            throw new RefusedException("invalid_request", "Missing client_secret");
        }
        Directory.ClientApp client = directory.client(credentials[0])
                .orElseThrow(() -> new RefusedException("invalid_request", "Invalid client"));
        checkSecret(client, credentials[1]);
        if (client.projectId() == null) {
            // Medplum: a client without a project membership cannot act on its own.
            throw new RefusedException("invalid_request", "Invalid client");
        }
        String scope = Optional.ofNullable(req.getParameter("scope")).filter(s -> !s.isBlank()).orElse("openid");
        return tokens.issue(new TokenService.Login(client.id(), client.id(), client.projectId(),
                "ClientApplication/" + client.id(), scope, false));
    }

    private TokenService.Issued tokenExchange(HttpServletRequest req) throws RefusedException {
        String[] credentials = clientCredentialsOf(req);
        String clientId = credentials[0];
        if (clientId == null || clientId.isBlank()) {
            throw new RefusedException("invalid_request", "Invalid client");
        }
        String subjectToken = req.getParameter("subject_token");
        if (subjectToken == null || subjectToken.isBlank()) {
            throw new RefusedException("invalid_request", "Invalid subject_token");
        }
        if (!ACCESS_TOKEN_TYPE.equals(req.getParameter("subject_token_type"))) {
            throw new RefusedException("invalid_request", "Invalid subject_token_type");
        }
        Directory.ClientApp client = directory.client(clientId)
                .filter(Directory.ClientApp::exchange)
                .orElseThrow(() -> new RefusedException("invalid_request", "Invalid client"));
        if (credentials[1] != null && !credentials[1].isBlank()) {
            // Medplum does not require a secret here; one that is sent must still be right.
            checkSecret(client, credentials[1]);
        }
        if (userinfoUrl == null) {
            throw new RefusedException("invalid_request", "Token exchange is not configured: no identity provider userinfo URL");
        }
        UserInfoClient.Result info = userInfo.fetch(userinfoUrl, subjectToken);
        if (info.claims() == null) {
            throw new RefusedException("invalid_request", "Failed to verify subject token: " + info.failure());
        }
        Object email = info.claims().get("email");
        Directory.User user = (email instanceof String e ? directory.userByEmail(e) : Optional.<Directory.User>empty())
                .or(() -> info.claims().get("sub") instanceof String sub ? directory.userById(sub) : Optional.empty())
                .orElseThrow(() -> new RefusedException("invalid_request", "User not found"));
        String wantedProject = Optional.ofNullable(req.getParameter("project")).filter(p -> !p.isBlank())
                .orElse(client.projectId());
        Directory.Membership membership = wantedProject != null
                ? user.in(wantedProject).orElseThrow(() ->
                        new RefusedException("invalid_request", "User is not a member of project " + wantedProject))
                : user.memberships().stream().findFirst().orElseThrow(() ->
                        new RefusedException("invalid_request", "User not found"));
        String scope = Optional.ofNullable(req.getParameter("scope")).filter(s -> !s.isBlank()).orElse("openid offline");
        return tokens.issue(new TokenService.Login(client.id(), user.id(), membership.projectId(),
                membership.profile(), scope, scope.contains("offline")));
    }

    private TokenService.Issued refresh(HttpServletRequest req) throws RefusedException {
        String refreshToken = req.getParameter("refresh_token");
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new RefusedException("invalid_request", "Invalid refresh token");
        }
        String header = req.getHeader("Authorization");
        String basicClientId = null;
        if (header != null) {
            if (!header.startsWith("Basic ")) {
                throw new RefusedException("invalid_request", "Invalid authorization header");
            }
            basicClientId = basic(header)[0];
        }
        try {
            return tokens.refresh(refreshToken, basicClientId);
        } catch (TokenService.RefreshRefused e) {
            throw new RefusedException(e.error, e.getMessage());
        }
    }

    private void checkSecret(Directory.ClientApp client, String presented) throws RefusedException {
        if (!MessageDigest.isEqual(client.secret().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
            throw new RefusedException("invalid_request", "Invalid secret");
        }
    }

    /** Basic header first, else the form (Medplum's {@code getClientIdAndSecret}). */
    private static String[] clientCredentialsOf(HttpServletRequest req) throws RefusedException {
        String header = req.getHeader("Authorization");
        if (header != null) {
            if (!header.startsWith("Basic ")) {
                throw new RefusedException("invalid_request", "Invalid authorization header");
            }
            return basic(header);
        }
        return new String[]{req.getParameter("client_id"), req.getParameter("client_secret")};
    }

    private static String[] basic(String header) throws RefusedException {
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? new String[]{decoded, null} : new String[]{decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            throw new RefusedException("invalid_request", "Invalid authorization header");
        }
    }

    /** Medplum's {@code sendTokenResponse} fields that apply here (no SMART launch context, no id_token). */
    private static Map<String, Object> body(TokenService.Issued issued) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", issued.expiresIn());
        body.put("scope", issued.login().scope);
        body.put("access_token", issued.accessToken());
        if (issued.refreshToken() != null) {
            body.put("refresh_token", issued.refreshToken());
        }
        body.put("project", Map.of("reference", "Project/" + issued.login().projectId));
        body.put("profile", Map.of("reference", issued.login().profile));
        return body;
    }
}
