package dev.panels.keycloak.stytch.broker;

import dev.panels.keycloak.stytch.client.StytchFailure;
import dev.panels.keycloak.stytch.client.StytchGateway;

import org.keycloak.Config;
import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code stytch-b2b}: brokers Stytch B2B members (discovery magic links, passwords, SSO, OAuth, Stytch MFA). */
public class StytchIdentityProviderFactory extends AbstractIdentityProviderFactory<StytchIdentityProvider> {

    public static final String PROVIDER_ID = "stytch-b2b";

    /** One SDK client per (base URL, project, secret); closed with the factory. */
    private final Map<String, StytchGateway> gateways = new ConcurrentHashMap<>();
    private final SessionCheckCache sessionChecks = new SessionCheckCache();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getName() {
        return "Stytch B2B";
    }

    @Override
    public String getHelpText() {
        return "Signs members of Stytch B2B organizations in (magic link, password, SSO, OAuth, Stytch MFA). "
                + "Client ID = Stytch project id, Client Secret = Stytch secret.";
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public StytchIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        StytchIdentityProviderConfig config = new StytchIdentityProviderConfig(model);
        return new StytchIdentityProvider(session, config, this);
    }

    @Override
    public StytchIdentityProviderConfig createConfig() {
        StytchIdentityProviderConfig config = new StytchIdentityProviderConfig();
        // Stytch roles must be re-synced on every login (a role removed in Stytch is removed here).
        config.setSyncMode(IdentityProviderSyncMode.FORCE);
        return config;
    }

    @Override
    public Map<String, String> parseConfig(KeycloakSession session, String config) {
        return Map.of();
    }

    StytchGateway gateway(KeycloakSession session, StytchIdentityProviderConfig config) {
        String secret = resolveSecret(session, config.getSecretReference());
        String projectId = config.getProjectId();
        if (projectId == null || secret == null || secret.isEmpty()) {
            throw StytchFailure.of(StytchFailure.Kind.MISCONFIGURED, "Stytch project id or secret missing");
        }
        String baseUrl = config.getApiBaseUrl();
        int timeout = config.getTimeoutSeconds();
        String key = sha256(baseUrl + '\n' + projectId + '\n' + secret + '\n' + timeout);
        return gateways.computeIfAbsent(key, k -> new StytchGateway(projectId, secret, baseUrl, timeout));
    }

    SessionCheckCache sessionChecks() {
        return sessionChecks;
    }

    static String resolveSecret(KeycloakSession session, String reference) {
        if (reference == null) {
            return null;
        }
        if (session == null || session.vault() == null) {
            return reference;
        }
        // A plain value comes back as is; an unresolvable ${vault.x} reference comes back empty.
        try (org.keycloak.vault.VaultStringSecret secret = session.vault().getStringSecret(reference)) {
            return secret.get().orElse(null);
        }
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        gateways.values().forEach(StytchGateway::close);
        gateways.clear();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(StytchIdentityProviderConfig.ENVIRONMENT).label("Stytch environment")
                .helpText("test (test.stytch.com), live (api.stytch.com) or custom (the API base URL below, e.g. the local emulator). "
                        + "Empty: test for project-test-… ids, live otherwise.")
                .type(ProviderConfigProperty.LIST_TYPE).options("test", "live", "custom").add()
                .property().name(StytchIdentityProviderConfig.API_BASE_URL).label("Stytch API base URL")
                .helpText("Only for the custom environment, without a trailing slash, e.g. http://127.0.0.1:8110.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(StytchIdentityProviderConfig.PUBLIC_TOKEN).label("Stytch public token")
                .helpText("Needed for the SSO and OAuth start URLs.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(StytchIdentityProviderConfig.ORGANIZATION_MODE).label("Organization binding")
                .helpText("pinned: one Stytch organization per realm (set it below). linked: organizations linked to a "
                        + "Keycloak Organization of this realm through the attribute below.")
                .type(ProviderConfigProperty.LIST_TYPE).options("pinned", "linked").add()
                .property().name(StytchIdentityProviderConfig.ORGANIZATION).label("Stytch organization")
                .helpText("Pinned mode: the Stytch organization id or slug.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(StytchIdentityProviderConfig.ORGANIZATION_ATTRIBUTE).label("Organization attribute")
                .helpText("Linked mode: the Keycloak Organization attribute holding the Stytch organization id.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(StytchIdentityProviderConfig.DEFAULT_ORGANIZATION_ATTRIBUTE).add()
                .property().name(StytchIdentityProviderConfig.LOGIN_METHODS).label("Login methods")
                .helpText("discovery_magic_link, organization_magic_link (pinned only), password, sso, oauth.")
                .type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
                .options("discovery_magic_link", "organization_magic_link", "password", "sso", "oauth")
                .defaultValue("discovery_magic_link").add()
                .property().name(StytchIdentityProviderConfig.OAUTH_PROVIDERS).label("OAuth providers")
                .helpText("Stytch OAuth providers offered as buttons, e.g. google, microsoft.")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
                .property().name(StytchIdentityProviderConfig.SESSION_DURATION_MINUTES).label("Stytch session duration (minutes)")
                .helpText("Lifetime of the Stytch member session created at login (5–527040). Align it with SSO Session Max.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("60").add()
                .property().name(StytchIdentityProviderConfig.HONOUR_MFA).label("Honour Stytch MFA")
                .helpText("On: organizations that require MFA get Stytch's SMS/TOTP step. Off: such organizations are refused.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(StytchIdentityProviderConfig.SESSION_CHECK_SECONDS).label("Session check cache (seconds)")
                .helpText("How long a successful Stytch session check is reused at token refresh (0 = every refresh).")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("30").add()
                .property().name(StytchIdentityProviderConfig.RATE_LIMIT_PER_EMAIL).label("Emails per address and client IP (15 min)")
                .helpText("Counted per email address and client IP together, so nobody elsewhere can use up a person's emails.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("3").add()
                .property().name(StytchIdentityProviderConfig.RATE_LIMIT_PER_IP).label("Emails per client IP (15 min)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("10").add()
                .property().name(StytchIdentityProviderConfig.SECRET_ATTEMPTS).label("Password / MFA code tries (15 min)")
                .helpText("Wrong passwords per email and client IP, and MFA codes per member, before the page refuses more for 15 minutes.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("10").add()
                .property().name(StytchIdentityProviderConfig.TIMEOUT_SECONDS).label("Stytch call timeout (seconds)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("10").add()
                .build();
    }
}
