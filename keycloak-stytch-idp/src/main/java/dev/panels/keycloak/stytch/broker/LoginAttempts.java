package dev.panels.keycloak.stytch.broker;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Pending magic-link logins, kept in Keycloak's cluster-wide single-use store. The email's link carries only the
 * attempt id; the record ties it to the browser (root authentication session) that asked for it. When the link is
 * opened in another browser, the record receives the Stytch result and the hash of a single-use code that the user
 * types into the original window.
 */
final class LoginAttempts {

    static final String PENDING = "pending";
    static final String VERIFIED = "verified";
    static final int MAX_CODE_TRIES = 5;
    static final long LIFESPAN_SECONDS = 15 * 60;

    static final String REALM = "realm";
    static final String ALIAS = "alias";
    static final String STATE = "state";
    static final String ROOT_AUTH_SESSION = "root";
    static final String TAB = "tab";
    static final String EMAIL = "email";
    static final String STATUS = "status";
    static final String RESULT = "result";
    static final String CODE_HASH = "code";
    static final String TRIES = "tries";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SingleUseObjectProvider store;

    LoginAttempts(KeycloakSession session) {
        this.store = session.singleUseObjects();
    }

    static String newId() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    static String hash(String value) {
        return StytchIdentityProviderFactory.sha256("stytch-attempt-code:" + value);
    }

    static boolean codeMatches(String expectedHash, String code) {
        if (expectedHash == null || code == null) {
            return false;
        }
        String normalized = code.replaceAll("[\\s-]", "");
        return MessageDigest.isEqual(expectedHash.getBytes(StandardCharsets.US_ASCII),
                hash(normalized).getBytes(StandardCharsets.US_ASCII));
    }

    private static String key(String id) {
        return "stytch-attempt." + id;
    }

    void create(String id, Map<String, String> notes) {
        Map<String, String> copy = new HashMap<>(notes);
        copy.put(STATUS, PENDING);
        copy.put(TRIES, "0");
        store.put(key(id), LIFESPAN_SECONDS, copy);
    }

    Map<String, String> get(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            return null;
        }
        Map<String, String> notes = store.get(key(id));
        return notes == null ? null : new HashMap<>(notes);
    }

    void update(String id, Map<String, String> notes) {
        store.replace(key(id), notes);
    }

    /** Removes and returns the record: whoever gets it non-null is the only one to use it. */
    Map<String, String> take(String id) {
        return store.remove(key(id));
    }
}
