package dev.panels.bootstrap;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the bootstrap reads, from the same environment variables docker-compose and the realm use. One
 * {@link Organization} per key in {@code MEDPLUM_BOOTSTRAP_ORGANIZATIONS} (e.g. {@code NORTHWIND,RIVERSIDE}), each
 * with {@code STYTCH_ORG_<KEY>}, {@code MEDPLUM_PROJECT_<KEY>}, {@code MEDPLUM_ADMIN_CLIENT_<KEY>} and
 * {@code MEDPLUM_ADMIN_SECRET_<KEY>} (a ClientApplication with an admin membership in that project), and optionally
 * {@code MEDPLUM_CLIENT_<KEY>} (the token-exchange ClientApplication the realm names; created when absent). With
 * {@code PANELS_APP_URL} and {@code PANELS_LIVE_HOOK_KEY} (both or neither), the live-update Subscriptions too.
 */
record BootstrapSettings(URI medplumBaseUrl, URI keycloakIssuer, String stytchProjectId, String stytchSecret,
                         String stytchBaseUrl, String subjectTokenAudience, List<Organization> organizations, Live live) {

    /**
     * Where Medplum sends each organization's changes for live worklists: the app's public URL ({@code PANELS_APP_URL})
     * and the key the app derives hook secrets from ({@code PANELS_LIVE_HOOK_KEY}); null when neither is set.
     */
    record Live(String appUrl, byte[] hookKey) {
    }

    /** The subject token's audience, as Keycloak's Medplum mapper issues it. */
    static final String DEFAULT_AUDIENCE = "medplum";

    record Organization(String key, String stytchOrganizationId, String medplumProject, String adminClientId,
                        String adminClientSecret, String exchangeClientId) {

        String label() {
            return key.toLowerCase(Locale.ROOT);
        }
    }

    /** The realm's name: the last segment of its issuer URL ({@code .../realms/<name>}). */
    String realmName() {
        String path = keycloakIssuer.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    String keycloakEndpoint(String name) {
        return keycloakIssuer + "/protocol/openid-connect/" + name;
    }

    static BootstrapSettings fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Reader read = new Reader(env, problems);
        URI medplum = read.url("MEDPLUM_BASE_URL");
        URI issuer = read.url("PANELS_KEYCLOAK_ISSUER");
        if (issuer != null && !issuer.getPath().matches("/(.+/)?realms/[^/]+")) {
            problems.add("PANELS_KEYCLOAK_ISSUER must be a realm URL ending in /realms/<name>, not " + issuer);
        }
        String stytchProject = read.required("STYTCH_PROJECT_ID");
        String stytchSecret = read.required("STYTCH_SECRET");
        List<Organization> organizations = new ArrayList<>();
        String keys = read.required("MEDPLUM_BOOTSTRAP_ORGANIZATIONS");
        if (keys != null) {
            for (String raw : keys.split(",")) {
                String key = raw.trim().toUpperCase(Locale.ROOT);
                if (!key.matches("[A-Z0-9_]+")) {
                    problems.add("MEDPLUM_BOOTSTRAP_ORGANIZATIONS: '" + raw.trim() + "' is not a key (letters, digits, _)");
                    continue;
                }
                organizations.add(new Organization(key, read.required("STYTCH_ORG_" + key), read.required("MEDPLUM_PROJECT_" + key),
                        read.required("MEDPLUM_ADMIN_CLIENT_" + key), read.required("MEDPLUM_ADMIN_SECRET_" + key),
                        read.optional("MEDPLUM_CLIENT_" + key)));
            }
        }
        Live live = live(read, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new BootstrapSettings(medplum, issuer, stytchProject, stytchSecret, read.optional("STYTCH_API_BASE_URL"),
                DEFAULT_AUDIENCE, List.copyOf(organizations), live);
    }

    private static Live live(Reader read, List<String> problems) {
        String appUrl = read.optional("PANELS_APP_URL");
        String key = read.optional("PANELS_LIVE_HOOK_KEY");
        if (appUrl == null && key == null) {
            return null;
        }
        if (appUrl == null || key == null) {
            problems.add("live updates need both PANELS_APP_URL and PANELS_LIVE_HOOK_KEY (or neither)");
            return null;
        }
        try {
            dev.panels.identity.LiveHooks.endpoint(appUrl, "check");
            return new Live(appUrl, dev.panels.identity.LiveHooks.key(key));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private record Reader(Map<String, String> env, List<String> problems) {

        String optional(String name) {
            String value = env.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        }

        String required(String name) {
            String value = optional(name);
            if (value == null) {
                problems.add(name + " is required");
            }
            return value;
        }

        URI url(String name) {
            String value = required(name);
            if (value == null) {
                return null;
            }
            try {
                URI uri = URI.create(value.replaceAll("/+$", ""));
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            problems.add(name + " must be an http(s) URL, not '" + value + "'");
            return null;
        }
    }
}
