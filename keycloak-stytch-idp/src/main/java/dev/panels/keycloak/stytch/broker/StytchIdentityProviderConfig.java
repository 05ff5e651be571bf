package dev.panels.keycloak.stytch.broker;

import org.keycloak.models.IdentityProviderModel;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Typed view of a {@code stytch-b2b} identity provider's config map. Every key is documented in the module README;
 * the admin console's Client ID / Client Secret fields carry the Stytch project id and secret.
 */
public class StytchIdentityProviderConfig extends IdentityProviderModel {

    public static final String PROJECT_ID = "clientId";
    public static final String SECRET = "clientSecret";
    public static final String ENVIRONMENT = "stytchEnvironment";
    public static final String API_BASE_URL = "stytchApiBaseUrl";
    public static final String PUBLIC_TOKEN = "stytchPublicToken";
    public static final String ORGANIZATION_MODE = "stytchOrganizationMode";
    public static final String ORGANIZATION = "stytchOrganization";
    public static final String ORGANIZATION_ATTRIBUTE = "stytchOrganizationAttribute";
    public static final String LOGIN_METHODS = "stytchLoginMethods";
    public static final String OAUTH_PROVIDERS = "stytchOAuthProviders";
    public static final String SESSION_DURATION_MINUTES = "stytchSessionDurationMinutes";
    public static final String HONOUR_MFA = "stytchHonourMfa";
    public static final String SESSION_CHECK_SECONDS = "stytchSessionCheckSeconds";
    public static final String RATE_LIMIT_PER_EMAIL = "stytchRateLimitPerEmail";
    public static final String RATE_LIMIT_PER_IP = "stytchRateLimitPerIp";
    public static final String SECRET_ATTEMPTS = "stytchSecretAttempts";
    public static final String TIMEOUT_SECONDS = "stytchTimeoutSeconds";

    public static final String TEST_BASE_URL = "https://test.stytch.com";
    public static final String LIVE_BASE_URL = "https://api.stytch.com";
    public static final String DEFAULT_ORGANIZATION_ATTRIBUTE = "stytch_organization_id";

    /** The "##" separator Keycloak uses for multivalued config entries. */
    static final String MULTI_SEPARATOR = "##";

    public enum Environment { TEST, LIVE, CUSTOM }

    public enum OrganizationMode {
        /** Realm per organization: exactly one Stytch organization (id or slug) is accepted. */
        PINNED,
        /** Shared realm: Stytch organizations linked to a Keycloak Organization of this realm are accepted. */
        LINKED
    }

    public enum LoginMethod {
        DISCOVERY_MAGIC_LINK, ORGANIZATION_MAGIC_LINK, PASSWORD, SSO, OAUTH;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public StytchIdentityProviderConfig() {
    }

    public StytchIdentityProviderConfig(IdentityProviderModel model) {
        super(model);
    }

    public String getProjectId() {
        return trimmed(PROJECT_ID);
    }

    /** The raw secret value, possibly a vault expression; resolve it with the session's vault. */
    public String getSecretReference() {
        return getConfig().get(SECRET);
    }

    public Environment getEnvironment() {
        String value = trimmed(ENVIRONMENT);
        if (value == null) {
            String project = getProjectId();
            return project != null && project.startsWith("project-live-") ? Environment.LIVE : Environment.TEST;
        }
        try {
            return Environment.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENVIRONMENT + " must be test, live or custom, not '" + value + "'");
        }
    }

    /** The Stytch API base URL without a trailing slash. */
    public String getApiBaseUrl() {
        return switch (getEnvironment()) {
            case TEST -> TEST_BASE_URL;
            case LIVE -> LIVE_BASE_URL;
            case CUSTOM -> {
                String url = trimmed(API_BASE_URL);
                if (url == null) {
                    throw new IllegalArgumentException(API_BASE_URL + " is required when " + ENVIRONMENT + " is custom");
                }
                URI uri;
                try {
                    uri = URI.create(url);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(API_BASE_URL + " must be an absolute http(s) URL");
                }
                if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                        || uri.getHost() == null) {
                    throw new IllegalArgumentException(API_BASE_URL + " must be an absolute http(s) URL");
                }
                yield url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            }
        };
    }

    public String getPublicToken() {
        return trimmed(PUBLIC_TOKEN);
    }

    public OrganizationMode getOrganizationMode() {
        String value = trimmed(ORGANIZATION_MODE);
        if (value == null) {
            return trimmed(ORGANIZATION) != null ? OrganizationMode.PINNED : OrganizationMode.LINKED;
        }
        try {
            return OrganizationMode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ORGANIZATION_MODE + " must be pinned or linked, not '" + value + "'");
        }
    }

    /** Stytch organization id (pinned mode); never the slug, which an organization can rename and another can take. */
    public String getOrganization() {
        return trimmed(ORGANIZATION);
    }

    public String getOrganizationAttribute() {
        String value = trimmed(ORGANIZATION_ATTRIBUTE);
        return value == null ? DEFAULT_ORGANIZATION_ATTRIBUTE : value;
    }

    public Set<LoginMethod> getLoginMethods() {
        List<String> values = multi(LOGIN_METHODS);
        if (values.isEmpty()) {
            return EnumSet.of(LoginMethod.DISCOVERY_MAGIC_LINK);
        }
        EnumSet<LoginMethod> methods = EnumSet.noneOf(LoginMethod.class);
        for (String v : values) {
            try {
                methods.add(LoginMethod.valueOf(v.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(LOGIN_METHODS + " has an unknown method '" + v + "'; use "
                        + Arrays.stream(LoginMethod.values()).map(LoginMethod::configValue).toList());
            }
        }
        return methods;
    }

    public boolean isEnabled(LoginMethod method) {
        return getLoginMethods().contains(method);
    }

    public List<String> getOAuthProviders() {
        return multi(OAUTH_PROVIDERS).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    public int getSessionDurationMinutes() {
        return intValue(SESSION_DURATION_MINUTES, 60, 5, 527040);
    }

    public boolean isHonourMfa() {
        String value = trimmed(HONOUR_MFA);
        return value == null || Boolean.parseBoolean(value);
    }

    public int getSessionCheckSeconds() {
        return intValue(SESSION_CHECK_SECONDS, 30, 0, 3600);
    }

    /** Magic-link emails per address and client IP together per 15 minutes. */
    public int getRateLimitPerEmail() {
        return intValue(RATE_LIMIT_PER_EMAIL, 3, 1, 1000);
    }

    /** Wrong passwords per address and client IP, and MFA codes per member, per 15 minutes. */
    public int getSecretAttempts() {
        return intValue(SECRET_ATTEMPTS, 10, 1, 1000);
    }

    /** Magic-link emails per client IP per 15 minutes. */
    public int getRateLimitPerIp() {
        return intValue(RATE_LIMIT_PER_IP, 10, 1, 100000);
    }

    public int getTimeoutSeconds() {
        return intValue(TIMEOUT_SECONDS, 10, 1, 120);
    }

    @Override
    public void validate(org.keycloak.models.RealmModel realm) {
        super.validate(realm);
        validateStytchSettings();
    }

    /** Fails with a message naming the first bad setting. */
    public void validateStytchSettings() {
        if (getProjectId() == null) {
            throw new IllegalArgumentException("Client ID (the Stytch project id) is required");
        }
        if (getSecretReference() == null || getSecretReference().isBlank()) {
            throw new IllegalArgumentException("Client Secret (the Stytch project secret) is required");
        }
        getApiBaseUrl();
        getLoginMethods();
        if (getOrganizationMode() == OrganizationMode.PINNED
                && (getOrganization() == null || !getOrganization().startsWith("organization-"))) {
            throw new IllegalArgumentException(ORGANIZATION + " (the Stytch organization id, organization-…; not its slug) is required in pinned mode");
        }
        if (getOrganizationMode() == OrganizationMode.LINKED && (isEnabled(LoginMethod.ORGANIZATION_MAGIC_LINK))) {
            throw new IllegalArgumentException("organization_magic_link needs " + ORGANIZATION_MODE + " pinned");
        }
        if ((isEnabled(LoginMethod.SSO) || isEnabled(LoginMethod.OAUTH)) && getPublicToken() == null) {
            throw new IllegalArgumentException(PUBLIC_TOKEN + " is required for SSO and OAuth login");
        }
        getSessionDurationMinutes();
        getSessionCheckSeconds();
        getRateLimitPerEmail();
        getRateLimitPerIp();
        getSecretAttempts();
        getTimeoutSeconds();
    }

    private String trimmed(String key) {
        String value = getConfig().get(key);
        if (value == null) {
            return null;
        }
        value = value.trim();
        return value.isEmpty() ? null : value;
    }

    private List<String> multi(String key) {
        String value = trimmed(key);
        if (value == null) {
            return List.of();
        }
        String[] parts = value.contains(MULTI_SEPARATOR) ? value.split(MULTI_SEPARATOR) : value.split("[,\\s]+");
        return Arrays.stream(parts).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private int intValue(String key, int defaultValue, int min, int max) {
        String value = trimmed(key);
        if (value == null) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max);
        }
        return parsed;
    }
}
