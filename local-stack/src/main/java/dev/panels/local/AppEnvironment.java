package dev.panels.local;

import java.util.Map;

/** The environment the app server gets: where Keycloak, Medplum and the browser-facing URLs are. */
final class AppEnvironment {

    /**
     * The emulators' two organizations, each with its own Medplum project, as the realm export's Medplum mapper maps
     * them by default. {@code PANELS_MEDPLUM_PROJECTS} replaces it (set it together with the realm's
     * {@code STYTCH_ORG_*} and {@code MEDPLUM_PROJECT_*} when using real services).
     */
    static final String SAMPLE_MEDPLUM_PROJECTS = "organization-test-11111111-1111-4111-8111-111111111111=medplum-project-northwind,"
            + "organization-test-22222222-2222-4222-8222-222222222222=medplum-project-riverside";

    private AppEnvironment() {
    }

    /** The organization → Medplum project pairs the app is given. */
    static String medplumProjects(StackSettings settings) {
        return settings.env().getOrDefault("PANELS_MEDPLUM_PROJECTS", SAMPLE_MEDPLUM_PROJECTS);
    }

    static Map<String, String> of(StackSettings settings, AppNode node, Map<String, String> keys) {
        return Map.ofEntries(
                Map.entry("PANELS_HOST", "127.0.0.1"),
                Map.entry("PANELS_HTTP_PORT", Integer.toString(node.httpPort())),
                Map.entry("PANELS_HTTPS_PORT", Integer.toString(node.httpsPort())),
                Map.entry("MP_JWT_VERIFY_ISSUER", settings.issuer()),
                Map.entry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", settings.issuer() + "/protocol/openid-connect/certs"),
                Map.entry("PANELS_MEDPLUM_FHIR_BASE_URL", settings.medplumUrl() + "/fhir/R4"),
                Map.entry("PANELS_MEDPLUM_PROJECTS", medplumProjects(settings)),
                Map.entry("PANELS_OIDC_CLIENT_SECRET", settings.clientSecret()),
                Map.entry("PANELS_APP_URL", settings.appUrl()),
                Map.entry(StackKeys.SESSION_COOKIE_KEYS, keys.get(StackKeys.SESSION_COOKIE_KEYS)),
                Map.entry(StackKeys.MEDPLUM_TOKEN_KEYS, keys.get(StackKeys.MEDPLUM_TOKEN_KEYS)),
                Map.entry(StackKeys.METRICS_TOKEN, keys.get(StackKeys.METRICS_TOKEN)),
                Map.entry(StackKeys.LIVE_HOOK_KEY, keys.get(StackKeys.LIVE_HOOK_KEY)));
    }

}
