package dev.panels.emulator.medplum;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /oauth2/token}, following Medplum's {@code packages/server/src/oauth/token.ts}: form-encoded; grants
 * {@code client_credentials} (client id/secret in the form or HTTP Basic), RFC 8693 token exchange
 * ({@link TokenExchange}) and {@code refresh_token} with rotation.
 *
 * <p>Parameters are read from the form body only (Medplum reads {@code req.body}); the query string is ignored.
 */
final class OAuthTokenServlet extends HttpServlet {

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    private final transient Directory directory;
    private final transient TokenService tokens;
    private final transient TokenExchange exchange;
    /** Requests per grant type that reached this endpoint (past the fault switches), for observing callers. */
    private final transient ConcurrentMap<String, AtomicLong> requests = new ConcurrentHashMap<>();

    OAuthTokenServlet(Directory directory, TokenService tokens, TokenExchange exchange) {
        this.directory = directory;
        this.tokens = tokens;
        this.exchange = exchange;
    }

    long requests(String grantType) {
        AtomicLong n = grantType == null ? null : requests.get(grantType);
        return n == null ? 0 : n.get();
    }

    long requests() {
        return requests.values().stream().mapToLong(AtomicLong::get).sum();
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
        Map<String, String> form = form(req);
        String grantType = form.get("grant_type");
        requests.computeIfAbsent(grantType == null ? "" : grantType, g -> new AtomicLong()).incrementAndGet();
        try {
            if (grantType == null || grantType.isEmpty()) {
                throw TokenRefused.invalidRequest("Missing grant_type");
            }
            TokenService.Issued issued = switch (grantType) {
                case "client_credentials" -> clientCredentials(req, form);
                case TOKEN_EXCHANGE -> exchange.exchange(form);
                case "refresh_token" -> refresh(req, form);
                default -> throw TokenRefused.invalidRequest("Unsupported grant_type");
            };
            JsonResponses.write(resp, 200, body(issued));
        } catch (TokenRefused e) {
            e.write(resp);
        }
    }

    /** Medplum's {@code handleClientCredentials}; the project is the one of the client's own membership. */
    private TokenService.Issued clientCredentials(HttpServletRequest req, Map<String, String> form) throws TokenRefused {
        String[] credentials = clientCredentialsOf(req, form);
        if (credentials[0] == null || credentials[0].isEmpty()) {
            throw TokenRefused.invalidRequest("Missing client_id");
        }
        if (credentials[1] == null || credentials[1].isEmpty()) {
            throw TokenRefused.invalidRequest("Missing client_secret");
        }
        Directory.ClientApp client = directory.client(credentials[0])
                .filter(Directory.ClientApp::active)
                .filter(c -> c.secret() != null)
                .orElseThrow(() -> TokenRefused.invalidRequest("Invalid client"));
        if (!MessageDigest.isEqual(client.secret().getBytes(StandardCharsets.UTF_8), credentials[1].getBytes(StandardCharsets.UTF_8))) {
            throw TokenRefused.invalidRequest("Invalid secret");
        }
        Directory.Membership membership = directory.membershipOf(client)
                .orElseThrow(() -> TokenRefused.invalidRequest("Invalid client"));
        String scope = form.get("scope") == null || form.get("scope").isEmpty() ? "openid" : form.get("scope");
        return tokens.issue(new TokenService.Login(client.id(), client.id(), null, membership, scope, false));
    }

    private TokenService.Issued refresh(HttpServletRequest req, Map<String, String> form) throws TokenRefused {
        String refreshToken = form.get("refresh_token");
        if (refreshToken == null || refreshToken.isEmpty()) {
            throw TokenRefused.invalidRequest("Invalid refresh token");
        }
        String header = req.getHeader("Authorization");
        String[] basic = null;
        if (header != null) {
            if (!header.startsWith("Basic ")) {
                throw TokenRefused.invalidRequest("Invalid authorization header");
            }
            basic = basic(header);
        }
        try {
            return tokens.refresh(refreshToken, basic);
        } catch (TokenService.RefreshRefused e) {
            throw TokenRefused.oauth(400, e.error, e.getMessage());
        }
    }

    /**
     * Medplum's {@code getClientIdAndSecret}: a client assertion first, else the Basic header, else the form.
     * Client assertions ({@code private_key_jwt}) are not emulated and are refused.
     */
    private static String[] clientCredentialsOf(HttpServletRequest req, Map<String, String> form) throws TokenRefused {
        if (form.containsKey("client_assertion_type")) {
            throw TokenRefused.invalidRequest("Unsupported client assertion type");
        }
        String header = req.getHeader("Authorization");
        if (header != null) {
            if (!header.startsWith("Basic ")) {
                throw TokenRefused.invalidRequest("Invalid authorization header");
            }
            return basic(header);
        }
        return new String[]{form.get("client_id"), form.get("client_secret")};
    }

    /** {@code id:secret} split as Medplum does ({@code split(':')}: the secret ends at a second colon). */
    private static String[] basic(String header) throws TokenRefused {
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            String[] parts = decoded.split(":", -1);
            return new String[]{parts[0], parts.length > 1 ? parts[1] : null};
        } catch (IllegalArgumentException e) {
            throw TokenRefused.invalidRequest("Invalid authorization header");
        }
    }

    /** The form body, first value of each name. */
    private static Map<String, String> form(HttpServletRequest req) throws IOException {
        String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            form.putIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return form;
    }

    /** A malformed escape is kept as sent, as Node's query-string parser does. */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
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
