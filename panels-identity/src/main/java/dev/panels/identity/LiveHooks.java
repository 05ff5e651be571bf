package dev.panels.identity;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The live-worklist contract between whoever sets a Medplum project up (the bootstrap, the local stack) and the app:
 * each organization's project holds one rest-hook Subscription per {@link #RESOURCE_TYPES type}, all posting to
 * {@code <app>/hooks/medplum/<organization id>} and signed with that organization's own secret. The secret is derived
 * from one key the app and the set-up share ({@code PANELS_LIVE_HOOK_KEY}), so the app stores no per-organization
 * secret, and a project's admin, who can read its Subscriptions, learns only that organization's secret.
 */
public final class LiveHooks {

    /** What changes a worklist shows. */
    public static final List<String> RESOURCE_TYPES = List.of("Task", "Appointment", "Patient");
    /** Where the app takes hooks, below its base URL. */
    public static final String PATH = "/hooks/medplum/";
    /** Medplum's Subscription extension holding the HMAC key of {@code X-Signature}. */
    public static final String SECRET_EXTENSION = "https://www.medplum.com/fhir/StructureDefinition/subscription-secret";
    /** Marks the Subscriptions as ours in {@code Subscription.reason}, so a re-run finds and updates them. */
    public static final String REASON = "Panels live worklists";
    private static final Pattern ORGANIZATION = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final int MIN_KEY_BYTES = 32;

    private LiveHooks() {
    }

    /** The shared key, base64url (padding optional), of at least 256 bits. */
    public static byte[] key(String base64url) {
        if (base64url == null || base64url.isBlank()) {
            throw new IllegalArgumentException("PANELS_LIVE_HOOK_KEY is not set");
        }
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(base64url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PANELS_LIVE_HOOK_KEY is not base64url");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("PANELS_LIVE_HOOK_KEY must hold at least 256 bits");
        }
        return key;
    }

    /** The organization's hook secret: base64url(HMAC-SHA256(key, "panels-live-hook|" + organization id)). */
    public static String secret(byte[] key, String organizationId) {
        requireOrganization(organizationId);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                hmac(key, ("panels-live-hook|" + organizationId).getBytes(StandardCharsets.UTF_8)));
    }

    /** The hex HMAC-SHA256 Medplum sends in {@code X-Signature}: the body keyed with the secret's UTF-8 bytes. */
    public static String signature(String secret, byte[] body) {
        return java.util.HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** {@code <app base URL>/hooks/medplum/<organization id>}; the base must be an absolute http(s) URL. */
    public static String endpoint(String appBaseUrl, String organizationId) {
        requireOrganization(organizationId);
        URI base = URI.create(appBaseUrl.strip());
        if (!base.isAbsolute() || !("https".equals(base.getScheme()) || "http".equals(base.getScheme())) || base.getHost() == null) {
            throw new IllegalArgumentException("the app's URL must be an absolute http(s) URL: " + appBaseUrl);
        }
        String root = base.toString().replaceAll("/+$", "");
        return root + PATH + organizationId;
    }

    /** Whether a hook path segment can be an organization id (Stytch ids: letters, digits, dot, dash, underscore). */
    public static boolean isOrganizationId(String value) {
        return value != null && ORGANIZATION.matcher(value).matches();
    }

    /**
     * The rest-hook Subscription, FHIR R4 JSON, for one resource type: every create, update and delete of that type
     * in the project is posted to the endpoint, signed with the secret. Only ids leave Medplum for the app's use;
     * the app never forwards the body to browsers.
     */
    public static String subscription(String type, String endpoint, String secret) {
        if (!RESOURCE_TYPES.contains(type)) {
            throw new IllegalArgumentException("not a live resource type: " + type);
        }
        return "{\"resourceType\":\"Subscription\",\"status\":\"active\",\"reason\":\"" + REASON + "\","
                + "\"criteria\":\"" + type + "\","
                + "\"channel\":{\"type\":\"rest-hook\",\"endpoint\":\"" + json(endpoint) + "\",\"payload\":\"application/fhir+json\"},"
                + "\"extension\":[{\"url\":\"" + SECRET_EXTENSION + "\",\"valueString\":\"" + json(secret) + "\"}]}";
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void requireOrganization(String organizationId) {
        if (!isOrganizationId(organizationId)) {
            throw new IllegalArgumentException("not an organization id: " + organizationId);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
