package dev.panels.keycloak.medplum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The mapper's configuration, read from the protocol mapper's config map (Keycloak-independent so it is tested
 * alone). Secrets pass through {@code secrets} (Keycloak's vault: {@code ${vault.key}}) and are never printed.
 */
public record MedplumSettings(String baseUrl, Mode mode, String clientId, String clientSecret,
                              Map<String, Organization> organizations, String organizationAttribute,
                              String memberAttribute, String idpAlias, String practitionerSystem,
                              Duration renewBefore, Duration timeout, Duration subjectTokenLifespan,
                              int breakerFailures, Duration breakerOpen) {

    public enum Mode {
        TOKEN_EXCHANGE("token-exchange"), CLIENT_CREDENTIALS("client-credentials");

        final String value;

        Mode(String value) {
            this.value = value;
        }
    }

    /** Per Stytch organization: its Medplum project and (client-credentials mode) its ClientApplication. */
    public record Organization(String project, String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "Organization[project=" + project + ", clientId=" + clientId + "]";
        }
    }

    public static final String BASE_URL = "medplum.base.url";
    public static final String MODE = "medplum.mode";
    public static final String CLIENT_ID = "medplum.client.id";
    public static final String CLIENT_SECRET = "medplum.client.secret";
    public static final String ORGANIZATIONS = "medplum.organizations";
    public static final String ORGANIZATION_ATTRIBUTE = "medplum.organization.attribute";
    public static final String MEMBER_ATTRIBUTE = "medplum.member.attribute";
    public static final String IDP_ALIAS = "medplum.idp.alias";
    public static final String PRACTITIONER_SYSTEM = "medplum.practitioner.system";
    public static final String RENEW_BEFORE_SECONDS = "medplum.renew.before.seconds";
    public static final String TIMEOUT_MS = "medplum.timeout.ms";
    public static final String SUBJECT_TOKEN_LIFESPAN_SECONDS = "medplum.subject.token.lifespan.seconds";
    public static final String BREAKER_FAILURES = "medplum.breaker.failures";
    public static final String BREAKER_OPEN_SECONDS = "medplum.breaker.open.seconds";

    public static final String DEFAULT_PRACTITIONER_SYSTEM = "https://panels.dev/practitioner";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String toString() {
        return "MedplumSettings[baseUrl=" + baseUrl + ", mode=" + mode.value + ", clientId=" + clientId
                + ", organizations=" + organizations.keySet() + "]";
    }

    public Optional<Organization> organization(String stytchOrganizationId) {
        return Optional.ofNullable(stytchOrganizationId == null ? null : organizations.get(stytchOrganizationId));
    }

    /** @throws IllegalArgumentException with a message naming the bad setting (no values of secrets). */
    public static MedplumSettings from(Map<String, String> config, UnaryOperator<String> secrets) {
        String baseUrl = text(config, BASE_URL, null);
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException(BASE_URL + " must be an http(s) URL");
        }
        String modeValue = text(config, MODE, Mode.TOKEN_EXCHANGE.value);
        Mode mode = switch (modeValue) {
            case "token-exchange" -> Mode.TOKEN_EXCHANGE;
            case "client-credentials" -> Mode.CLIENT_CREDENTIALS;
            default -> throw new IllegalArgumentException(MODE + " must be token-exchange or client-credentials");
        };
        String clientId = text(config, CLIENT_ID, null);
        if (mode == Mode.TOKEN_EXCHANGE && clientId == null) {
            throw new IllegalArgumentException(CLIENT_ID + " is required in token-exchange mode");
        }
        String secret = text(config, CLIENT_SECRET, null);
        Map<String, Organization> orgs = organizations(text(config, ORGANIZATIONS, "{}"), secrets, mode);
        if (mode == Mode.CLIENT_CREDENTIALS && orgs.isEmpty()) {
            throw new IllegalArgumentException(ORGANIZATIONS + " must name at least one organization in client-credentials mode");
        }
        Duration renew = Duration.ofSeconds(number(config, RENEW_BEFORE_SECONDS, 300));
        return new MedplumSettings(baseUrl, mode, clientId, secret == null ? null : secrets.apply(secret), orgs,
                text(config, ORGANIZATION_ATTRIBUTE, "stytch_organization_id"),
                text(config, MEMBER_ATTRIBUTE, "stytch_member_id"),
                text(config, IDP_ALIAS, "stytch-b2b"),
                text(config, PRACTITIONER_SYSTEM, DEFAULT_PRACTITIONER_SYSTEM),
                renew,
                Duration.ofMillis(number(config, TIMEOUT_MS, 5000)),
                Duration.ofSeconds(number(config, SUBJECT_TOKEN_LIFESPAN_SECONDS, 60)),
                (int) Math.min(1000, wholeNumber(config, BREAKER_FAILURES, 3, 0)),
                Duration.ofSeconds(number(config, BREAKER_OPEN_SECONDS, 30)));
    }

    private static Map<String, Organization> organizations(String json, UnaryOperator<String> secrets, Mode mode) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(ORGANIZATIONS + " is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(ORGANIZATIONS + " must be a JSON object keyed by Stytch organization id");
        }
        Map<String, Organization> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String project = e.getValue().path("project").asText(null);
            String id = e.getValue().path("clientId").asText(null);
            String secret = e.getValue().path("clientSecret").asText(null);
            if (mode == Mode.CLIENT_CREDENTIALS && (id == null || secret == null)) {
                throw new IllegalArgumentException(ORGANIZATIONS + ": organization " + e.getKey() + " needs clientId and clientSecret");
            }
            result.put(e.getKey(), new Organization(project, id, secret == null ? null : secrets.apply(secret)));
        }
        return Map.copyOf(result);
    }

    private static String text(Map<String, String> config, String key, String fallback) {
        String value = config.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static long number(Map<String, String> config, String key, long fallback) {
        return wholeNumber(config, key, fallback, 1);
    }

    private static long wholeNumber(Map<String, String> config, String key, long fallback, long min) {
        String value = text(config, key, null);
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value);
            if (n < min) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + (min > 0 ? " must be a positive whole number" : " must be a whole number, 0 or more"));
        }
    }
}
