package dev.panels.keycloak.stytch.broker;

import dev.panels.keycloak.stytch.broker.StytchIdentityProviderConfig.LoginMethod;
import dev.panels.keycloak.stytch.broker.StytchIdentityProviderConfig.OrganizationMode;
import dev.panels.keycloak.stytch.client.StytchModels.Organization;
import dev.panels.keycloak.stytch.client.StytchModels.SsoConnection;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the Stytch login theme templates ({@code theme-resources/templates/stytch-*.ftl}). Template models are
 * plain maps of strings; FreeMarker's HTML output format escapes every value.
 */
final class StytchPages {

    private final KeycloakSession session;
    private final StytchIdentityProvider provider;
    private final RealmModel realm;
    private final AuthenticationSessionModel authSession;
    private final String state;

    StytchPages(KeycloakSession session, StytchIdentityProvider provider, RealmModel realm,
                AuthenticationSessionModel authSession, String state) {
        this.session = session;
        this.provider = provider;
        this.realm = realm;
        this.authSession = authSession;
        this.state = state;
    }

    static URI endpoint(KeycloakSession session, RealmModel realm, String alias) {
        return Urls.identityProviderAuthnResponse(session.getContext().getUri().getBaseUri(), alias, realm.getName());
    }

    String endpointUrl(String path) {
        UriBuilder b = UriBuilder.fromUri(endpoint(session, realm, provider.getConfig().getAlias()));
        if (path != null) {
            b.path(path);
        }
        return b.build().toString();
    }

    private LoginFormsProvider forms() {
        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class);
        if (authSession != null) {
            forms.setAuthenticationSession(authSession);
        }
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("state", state == null ? "" : state);
        common.put("retryUrl", state == null ? "" : UriBuilder.fromUri(endpointUrl("retry")).queryParam("state", state).build().toString());
        common.put("displayName", provider.getConfig().getDisplayName() == null ? "Stytch" : provider.getConfig().getDisplayName());
        forms.setAttribute("stytchCommon", common);
        return forms;
    }

    Response login(String errorKey, String email, Response.Status status) {
        StytchIdentityProviderConfig config = provider.getConfig();
        Map<String, Object> model = new LinkedHashMap<>();
        boolean emailLink = config.isEnabled(LoginMethod.DISCOVERY_MAGIC_LINK) || config.isEnabled(LoginMethod.ORGANIZATION_MAGIC_LINK);
        model.put("emailEnabled", emailLink);
        model.put("emailAction", endpointUrl("email"));
        model.put("email", email == null ? "" : email);
        model.put("passwordEnabled", config.isEnabled(LoginMethod.PASSWORD));
        model.put("passwordAction", endpointUrl("password"));
        List<Map<String, String>> passwordOrgs = new ArrayList<>();
        List<Map<String, String>> ssoButtons = new ArrayList<>();
        List<Map<String, String>> oauthButtons = new ArrayList<>();
        OrganizationPolicy policy = new OrganizationPolicy(session, realm, provider);
        if (config.isEnabled(LoginMethod.PASSWORD) && config.getOrganizationMode() == OrganizationMode.LINKED) {
            for (OrganizationPolicy.LinkedOrganization o : policy.linkedOrganizations()) {
                passwordOrgs.add(Map.of("id", o.stytchOrganizationId(), "name", o.name()));
            }
        }
        String returnUrl = UriBuilder.fromUri(endpointUrl(null)).queryParam("state", state).build().toString();
        if (config.isEnabled(LoginMethod.SSO) || config.isEnabled(LoginMethod.OAUTH)) {
            List<Organization> orgs = policy.ssoOrganizations(provider.gateway());
            if (config.isEnabled(LoginMethod.SSO)) {
                for (Organization o : orgs) {
                    for (SsoConnection c : o.ssoConnections()) {
                        String url = UriBuilder.fromUri(config.getApiBaseUrl()).path("/v1/public/sso/start")
                                .queryParam("connection_id", c.connectionId())
                                .queryParam("public_token", config.getPublicToken())
                                .queryParam("login_redirect_url", returnUrl)
                                .build().toString();
                        String label = c.displayName() == null || c.displayName().isEmpty() ? o.name() : c.displayName();
                        ssoButtons.add(Map.of("url", url, "name", label, "organization", o.name() == null ? "" : o.name()));
                    }
                }
            }
            if (config.isEnabled(LoginMethod.OAUTH)) {
                for (String p : config.getOAuthProviders()) {
                    UriBuilder b = UriBuilder.fromUri(config.getApiBaseUrl()).queryParam("public_token", config.getPublicToken());
                    if (config.getOrganizationMode() == OrganizationMode.PINNED && !orgs.isEmpty()) {
                        b.path("/v1/b2b/public/oauth/{provider}/start")
                                .queryParam("organization_id", orgs.get(0).organizationId())
                                .queryParam("login_redirect_url", returnUrl);
                    } else {
                        b.path("/v1/b2b/public/oauth/{provider}/discovery/start")
                                .queryParam("discovery_redirect_url", returnUrl);
                    }
                    oauthButtons.add(Map.of("url", b.build(p).toString(), "name", p));
                }
            }
        }
        model.put("passwordOrganizations", passwordOrgs);
        model.put("ssoButtons", ssoButtons);
        model.put("oauthButtons", oauthButtons);
        LoginFormsProvider forms = forms().setAttribute("stytch", model).setStatus(status);
        if (errorKey != null) {
            forms.setError(errorKey);
        }
        return forms.createForm("stytch-login.ftl");
    }

    Response checkEmail(String email, String attemptId, String errorKey, Response.Status status) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("email", email);
        model.put("attempt", attemptId);
        model.put("continueAction", endpointUrl("continue"));
        model.put("statusUrl", UriBuilder.fromUri(endpointUrl("status")).queryParam("state", state)
                .queryParam("attempt", attemptId).build().toString());
        LoginFormsProvider forms = forms().setAttribute("stytch", model).setStatus(status);
        if (errorKey != null) {
            forms.setError(errorKey);
        }
        return forms.createForm("stytch-check-email.ftl");
    }

    Response organizations(List<Organization> organizations) {
        List<Map<String, String>> orgs = new ArrayList<>();
        for (Organization o : organizations) {
            orgs.add(Map.of("id", o.organizationId(), "name", o.name() == null ? o.organizationId() : o.name(),
                    "slug", o.slug() == null ? "" : o.slug()));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("organizations", orgs);
        model.put("action", endpointUrl("organization"));
        return forms().setAttribute("stytch", model).createForm("stytch-organizations.ftl");
    }

    Response mfa(boolean smsSent, boolean totp, boolean needsPhone, String maskedPhone, String errorKey, Response.Status status) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("action", endpointUrl("mfa"));
        model.put("smsSent", smsSent);
        model.put("totp", totp);
        model.put("needsPhone", needsPhone);
        model.put("phone", maskedPhone == null ? "" : maskedPhone);
        LoginFormsProvider forms = forms().setAttribute("stytch", model).setStatus(status);
        if (errorKey != null) {
            forms.setError(errorKey);
        }
        return forms.createForm("stytch-mfa.ftl");
    }

    /** The page a magic link opened in another browser shows: a single-use code for the original window. */
    Response linkConfirmed(String code) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("code", code);
        return forms().setAttribute("stytch", model).createForm("stytch-link-confirmed.ftl");
    }

    Response error(String messageKey, Response.Status status, boolean retry) {
        return error(messageKey, status, retry && state != null ? null : "", retry && state != null);
    }

    /** An error page whose "Try again" link repeats {@code retryUrl} (e.g. a magic link Stytch could not check yet). */
    Response errorWithRetryUrl(String messageKey, Response.Status status, String retryUrl) {
        return error(messageKey, status, retryUrl, true);
    }

    private Response error(String messageKey, Response.Status status, String retryUrl, boolean retry) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("retry", retry);
        LoginFormsProvider forms = forms();
        if (retryUrl != null && !retryUrl.isEmpty()) {
            Map<String, Object> common = new LinkedHashMap<>();
            common.put("state", "");
            common.put("retryUrl", retryUrl);
            common.put("displayName", provider.getConfig().getDisplayName() == null ? "Stytch" : provider.getConfig().getDisplayName());
            forms.setAttribute("stytchCommon", common);
        }
        return forms.setAttribute("stytch", model).setStatus(status).setError(messageKey).createForm("stytch-error.ftl");
    }

    static String maskPhone(String phone) {
        if (phone == null || phone.length() < 4) {
            return "";
        }
        return "•••" + phone.substring(phone.length() - 4);
    }
}
