package dev.panels.emulator.stytch;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Unguessable tokens and Stytch-style test ids. */
final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** 32 random bytes, URL-safe so a token can go into a redirect URL unencoded. */
    static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String id(String kind) {
        return kind + "-test-" + UUID.randomUUID();
    }

    static String sixDigits() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }
}
