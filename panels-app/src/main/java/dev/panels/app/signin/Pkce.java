package dev.panels.app.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** RFC 7636 PKCE with S256 (the only method the realm accepts), plus the random values of a login. */
public final class Pkce {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private Pkce() {
    }

    /** 32 random bytes as base64url: 43 characters, inside RFC 7636's 43..128 unreserved characters. */
    public static String newVerifier() {
        return random(32);
    }

    /** {@code BASE64URL(SHA-256(ASCII(verifier)))}. */
    public static String challenge(String verifier) {
        if (verifier == null || !verifier.matches("[A-Za-z0-9\\-._~]{43,128}")) {
            throw new IllegalArgumentException("not an RFC 7636 code verifier");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return B64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Unguessable base64url text of {@code bytes} random bytes (state, nonce, verifier). */
    public static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return B64URL.encodeToString(value);
    }

    /** Compares secrets in constant time so a mismatch position leaks nothing. */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
