package dev.panels.emulator.stytch;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.panels.emulator.stytch.DevInboxServlet.esc;

/**
 * The public start URLs a browser is sent to for SSO and OAuth, standing in for the real identity provider:
 * {@code GET /v1/public/sso/start?connection_id&public_token}, {@code GET /v1/b2b/public/oauth/{provider}/start?
 * public_token&organization_id|slug} and {@code .../{provider}/discovery/start?public_token}. GET shows a page to
 * pick who signs in; POSTing the choice (form field {@code member_id}, or {@code email_address} for discovery)
 * redirects to the redirect URL with {@code stytch_token_type=sso|oauth|discovery_oauth&token=...}. The redirect URL
 * must be registered ({@link RedirectUrls}); an unregistered one is answered with a Stytch error, never followed.
 */
final class EmulatedIdpServlet extends HttpServlet {

    private static final Set<String> PASSED_ON = Set.of("connection_id", "public_token", "organization_id", "slug",
            "login_redirect_url", "signup_redirect_url", "discovery_redirect_url");

    private final transient StytchStore store;

    EmulatedIdpServlet(StytchStore store) {
        this.store = store;
    }

    /** Which flow a request is, and for whom. */
    private record Flow(String tokenType, String title, State.Org org, String connectionId, String provider,
                        String redirectUrl) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            String page;
            synchronized (store) {
                page = page(request, flow(request));
            }
            response.setContentType("text/html");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        } catch (StytchError e) {
            StytchErrorWriter.INSTANCE.write(response, e.status, e.errorType, e.getMessage());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            String location;
            synchronized (store) {
                Flow flow = flow(request);
                State.OneTimeToken token;
                if (flow.org() == null) {
                    String email = request.getParameter("email_address");
                    if (email == null || !email.trim().matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
                        throw StytchError.badRequest("invalid_email", "Pick an account or enter a valid email address.");
                    }
                    token = store.newToken(flow.tokenType(), email.trim().toLowerCase(), null, null,
                            StytchStore.REDIRECT_TOKEN_TTL);
                } else {
                    State.Member member = store.member(flow.org().organizationId, request.getParameter("member_id"));
                    token = store.newToken(flow.tokenType(), member.emailAddress, member.organizationId,
                            member.memberId, StytchStore.REDIRECT_TOKEN_TTL);
                }
                token.connectionId = flow.connectionId();
                token.provider = flow.provider();
                store.changed();
                store.saveIfChanged();
                location = Redirects.withToken(flow.redirectUrl(), flow.tokenType(), token.token);
            }
            response.setStatus(302);
            response.setHeader("Location", location);
        } catch (StytchError e) {
            StytchErrorWriter.INSTANCE.write(response, e.status, e.errorType, e.getMessage());
        }
    }

    private Flow flow(HttpServletRequest request) {
        String publicToken = request.getParameter("public_token");
        if (publicToken == null || !publicToken.equals(store.project.publicToken)) {
            throw StytchError.unauthorized("public_token_not_found", "public_token is missing or unknown.");
        }
        String path = request.getRequestURI();
        if (path.equals("/v1/public/sso/start")) {
            String connectionId = request.getParameter("connection_id");
            for (State.Org org : store.orgs.values()) {
                for (State.SsoConnection c : org.ssoConnections) {
                    if (c.connectionId.equals(connectionId)) {
                        String url = loginRedirectUrl(request, RedirectUrls.SSO);
                        return new Flow("sso", c.displayName + " (emulated SSO)", org, connectionId, null, url);
                    }
                }
            }
            throw StytchError.notFound("sso_connection_not_found", "SSO connection could not be found.");
        }
        String[] parts = path.split("/");
        // /v1/b2b/public/oauth/{provider}/start or /v1/b2b/public/oauth/{provider}/discovery/start
        if (parts.length >= 7 && "oauth".equals(parts[4])) {
            String provider = parts[5];
            if (parts.length == 7 && "start".equals(parts[6])) {
                State.Org org = orgOf(request);
                if (!org.oauthProviders.contains(provider) || !AuthFlow.primaryAllowed(org, provider + "_oauth")) {
                    throw StytchError.badRequest("oauth_config_not_found",
                            provider + " OAuth is not enabled for this organization.");
                }
                String url = loginRedirectUrl(request, RedirectUrls.OAUTH);
                return new Flow("oauth", SsoOAuthServlet.providerType(provider) + " (emulated OAuth)", org, null,
                        provider, url);
            }
            if (parts.length == 8 && "discovery".equals(parts[6]) && "start".equals(parts[7])) {
                String url = store.redirectUrls.resolve(request.getParameter("discovery_redirect_url"), "discovery",
                        "discovery_redirect_url", RedirectUrls.OAUTH);
                return new Flow("discovery_oauth", SsoOAuthServlet.providerType(provider) + " (emulated OAuth)",
                        null, null, provider, url);
            }
        }
        throw ApiServlet.routeNotFound();
    }

    /**
     * The pickers list existing members only, so the flow always ends as a login: {@code login_redirect_url} (or
     * the default) is used; a given {@code signup_redirect_url} must still be registered.
     */
    private String loginRedirectUrl(HttpServletRequest request, String noMatchErrorType) {
        store.redirectUrls.requireRegistered(request.getParameter("signup_redirect_url"), "signup",
                "signup_redirect_url", noMatchErrorType);
        return store.redirectUrls.resolve(request.getParameter("login_redirect_url"), "login", "login_redirect_url",
                noMatchErrorType);
    }

    private State.Org orgOf(HttpServletRequest request) {
        String id = request.getParameter("organization_id");
        if (id != null && !id.isBlank()) {
            return store.org(id);
        }
        String slug = request.getParameter("slug");
        if (slug != null && !slug.isBlank()) {
            return store.orgBySlug(slug).orElseThrow(() ->
                    StytchError.notFound("organization_not_found", "Organization could not be found."));
        }
        throw StytchError.badRequest("missing_oauth_organization_locator", "organization_id or slug is required.");
    }

    private String page(HttpServletRequest request, Flow flow) {
        StringBuilder b = new StringBuilder(2048);
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(flow.title())).append("</title><style>body{font-family:sans-serif;margin:2rem}")
                .append("button{display:block;margin:.4rem 0;padding:.5rem 1rem}</style></head><body><h1>")
                .append(esc(flow.title())).append("</h1><p>Emulated identity provider: choose who signs in.</p>")
                .append("<form method=\"post\" action=\"").append(esc(request.getRequestURI())).append("\">");
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            if (PASSED_ON.contains(e.getKey()) && e.getValue().length > 0) {
                b.append("<input type=\"hidden\" name=\"").append(esc(e.getKey())).append("\" value=\"")
                        .append(esc(e.getValue()[0])).append("\">");
            }
        }
        if (flow.org() != null) {
            b.append("<p>").append(esc(flow.org().organizationName)).append("</p>");
            for (State.Member m : store.membersOf(flow.org().organizationId)) {
                b.append("<button type=\"submit\" name=\"member_id\" value=\"").append(esc(m.memberId)).append("\">")
                        .append(esc(m.name.isBlank() ? m.emailAddress : m.name + " <" + m.emailAddress + ">"))
                        .append("</button>");
            }
        } else {
            Set<String> emails = new LinkedHashSet<>();
            store.members.values().forEach(m -> emails.add(m.emailAddress));
            for (String email : List.copyOf(emails)) {
                b.append("<button type=\"submit\" name=\"email_address\" value=\"").append(esc(email)).append("\">")
                        .append(esc(email)).append("</button>");
            }
        }
        if (flow.org() == null) {
            b.append("<p><label>Another email <input type=\"email\" name=\"email_address\"></label>")
                    .append("<button type=\"submit\">Continue</button></p>");
        }
        return b.append("</form></body></html>").toString();
    }
}
