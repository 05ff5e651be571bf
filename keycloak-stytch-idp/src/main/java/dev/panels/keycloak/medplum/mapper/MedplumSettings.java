package dev.panels.keycloak.medplum.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The mapper's configuration, read from the protocol mapper's config map (Keycloak-independent so it is tested
 * alone). Secrets pass through {@code secrets} (Keycloak's vault: {@code ${vault.key}}) and are never printed.
 * <p>
 * Each Stytch organization maps to exactly one Medplum project and the ClientApplication of that project that
 * Keycloak uses for it, in both modes: Medplum takes a token's project from the client, so the client decides the
 * clinical tenant. No two organizations share a project or a client.
 */
public record MedplumSettings(String baseUrl, Mode mode, Map<String, Organization> organizations, String tokenKeys,
                              String organizationNote, String memberNote, String practitionerSystem,
                              String subjectAudience, Duration renewBefore, Duration timeout,
                              Duration subjectTokenLifespan, int breakerFailures, Duration breakerOpen) {

    public enum Mode {
        TOKEN_EXCHANGE("token-exchange"), CLIENT_CREDENTIALS("client-credentials");

        final String value;

        Mode(String value) {
            this.value = value;
        }
    }

    /** Per Stytch organization: its Medplum project and the ClientApplication (in that project) used for it. */
    public record Organization(String project, String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "Organization[project=" + project + ", clientId=" + clientId + "]";
        }
    }

    public static final String BASE_URL = "medplum.base.url";
    public static final String MODE = "medplum.mode";
    public static final String ORGANIZATIONS = "medplum.organizations";
    public static final String TOKEN_KEYS = "medplum.token.keys";
    public static final String ORGANIZATION_NOTE = "medplum.organization.note";
    public static final String MEMBER_NOTE = "medplum.member.note";
    public static final String PRACTITIONER_SYSTEM = "medplum.practitioner.system";
    public static final String SUBJECT_AUDIENCE = "medplum.subject.audience";
    public static final String RENEW_BEFORE_SECONDS = "medplum.renew.before.seconds";
    public static final String TIMEOUT_MS = "medplum.timeout.ms";
    public static final String SUBJECT_TOKEN_LIFESPAN_SECONDS = "medplum.subject.token.lifespan.seconds";
    public static final String BREAKER_FAILURES = "medplum.breaker.failures";
    public static final String BREAKER_OPEN_SECONDS = "medplum.breaker.open.seconds";

    public static final String DEFAULT_PRACTITIONER_SYSTEM = "https://panels.dev/practitioner";
    /** The user-session notes the Stytch identity provider writes at sign-in. */
    public static final String DEFAULT_ORGANIZATION_NOTE = "stytch.organization_id";
    public static final String DEFAULT_MEMBER_NOTE = "stytch.member_id";
    public static final String DEFAULT_SUBJECT_AUDIENCE = "medplum";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String toString() {
        return "MedplumSettings[baseUrl=" + baseUrl + ", mode=" + mode.value + ", organizations=" + organizations + "]"; // no keys
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
        Map<String, Organization> orgs = organizations(text(config, ORGANIZATIONS, "{}"), secrets, mode);
        String keys = text(config, TOKEN_KEYS, null);
        if (keys == null) {
            // Without them the Medplum token would reach the browser readable: no token at all is the safe answer.
            throw new IllegalArgumentException(TOKEN_KEYS + " is required (the keys that seal the Medplum token for panels-app)");
        }
        keys = secrets.apply(keys);
        try {
            new SealedValues(keys, java.time.Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TOKEN_KEYS + ": " + e.getMessage());
        }
        return new MedplumSettings(baseUrl, mode, orgs, keys,
                text(config, ORGANIZATION_NOTE, DEFAULT_ORGANIZATION_NOTE),
                text(config, MEMBER_NOTE, DEFAULT_MEMBER_NOTE),
                text(config, PRACTITIONER_SYSTEM, DEFAULT_PRACTITIONER_SYSTEM),
                text(config, SUBJECT_AUDIENCE, DEFAULT_SUBJECT_AUDIENCE),
                Duration.ofSeconds(number(config, RENEW_BEFORE_SECONDS, 300)),
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
        Map<String, String> projectOwners = new HashMap<>();
        Map<String, String> clientOwners = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String org = e.getKey();
            String project = nonBlank(e.getValue().path("project").asText(null));
            String id = nonBlank(e.getValue().path("clientId").asText(null));
            String secret = nonBlank(e.getValue().path("clientSecret").asText(null));
            if (project == null || id == null) {
                throw new IllegalArgumentException(ORGANIZATIONS + ": organization " + org + " needs project and clientId");
            }
            if (mode == Mode.CLIENT_CREDENTIALS && secret == null) {
                throw new IllegalArgumentException(ORGANIZATIONS + ": organization " + org + " needs clientSecret in client-credentials mode");
            }
            String sharesProject = projectOwners.putIfAbsent(project, org);
            if (sharesProject != null) {
                throw new IllegalArgumentException(ORGANIZATIONS + ": organizations " + sharesProject + " and " + org
                        + " both map to Medplum project " + project + " (one organization, one clinical tenant)");
            }
            String sharesClient = clientOwners.putIfAbsent(id, org);
            if (sharesClient != null) {
                throw new IllegalArgumentException(ORGANIZATIONS + ": organizations " + sharesClient + " and " + org
                        + " both use Medplum client " + id + " (Medplum takes the project from the client)");
            }
            result.put(org, new Organization(project, id, secret == null ? null : secrets.apply(secret)));
        }
        return Map.copyOf(result);
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
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
