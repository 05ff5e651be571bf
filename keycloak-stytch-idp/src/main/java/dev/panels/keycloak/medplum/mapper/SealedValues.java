package dev.panels.keycloak.medplum.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Values sealed for panels-app and nobody else: compact JWE with {@code alg: dir}, {@code enc: A256GCM}, the purpose
 * as {@code typ}, {@code kid} = the first 16 base64url characters of SHA-256("panels-cookie-kid" ‖ key), and a JWT
 * body {@code {"v": value, "exp": …}} — the format panels-app's {@code CookieCrypto} seals and opens. Keys are 256-bit,
 * base64url, comma-separated; the first seals, every one opens, so keys rotate like the app's cookie keys. Written
 * with the JDK's AES-GCM (no JOSE library inside Keycloak's provider).
 */
public final class SealedValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKey current;
    private final Map<String, SecretKey> byKid = new LinkedHashMap<>();
    private final Clock clock;

    /** @throws IllegalArgumentException naming what is wrong with the keys (never printing them) */
    public SealedValues(String commaSeparatedKeys, Clock clock) {
        List<SecretKey> keys = new ArrayList<>();
        for (String encoded : commaSeparatedKeys == null ? new String[0] : commaSeparatedKeys.split(",")) {
            if (encoded.isBlank()) {
                continue;
            }
            byte[] raw;
            try {
                raw = B64D.decode(encoded.strip().replace('+', '-').replace('/', '_').replace("=", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a sealing key is not base64url");
            }
            if (raw.length != 32) {
                throw new IllegalArgumentException("each sealing key must be 256 bits (32 bytes), base64url");
            }
            SecretKey key = new SecretKeySpec(raw, "AES");
            keys.add(key);
            byKid.putIfAbsent(kid(raw), key);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one sealing key is required");
        }
        this.current = keys.get(0);
        this.clock = clock;
    }

    public String seal(String purpose, String value, Instant expires) {
        ObjectNode header = JSON.createObjectNode().put("alg", "dir").put("enc", "A256GCM")
                .put("kid", kid(current.getEncoded())).put("typ", purpose);
        ObjectNode body = JSON.createObjectNode().put("v", value).put("exp", expires.getEpochSecond());
        String protectedHeader = B64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8));
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current, new GCMParameterSpec(128, iv));
            cipher.updateAAD(protectedHeader.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(body.toString().getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = Arrays.copyOf(sealed, sealed.length - 16);
            byte[] tag = Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length);
            return protectedHeader + ".." + B64.encodeToString(iv) + "." + B64.encodeToString(ciphertext) + "." + B64.encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    /** The value, if it was sealed for this purpose with one of the keys and has not expired. */
    public Optional<String> open(String purpose, String sealed) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", -1);
        if (parts.length != 5 || !parts[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(B64D.decode(parts[0]));
            SecretKey key = byKid.get(header.path("kid").asText(""));
            if (key == null || !"dir".equals(header.path("alg").asText()) || !"A256GCM".equals(header.path("enc").asText())
                    || !purpose.equals(header.path("typ").asText())) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, B64D.decode(parts[2])));
            cipher.updateAAD(parts[0].getBytes(StandardCharsets.US_ASCII));
            byte[] ciphertext = B64D.decode(parts[3]);
            byte[] tag = B64D.decode(parts[4]);
            byte[] sealedBytes = Arrays.copyOf(ciphertext, ciphertext.length + tag.length);
            System.arraycopy(tag, 0, sealedBytes, ciphertext.length, tag.length);
            JsonNode body = JSON.readTree(cipher.doFinal(sealedBytes));
            if (body.path("exp").asLong(0) <= clock.instant().getEpochSecond() || !body.path("v").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(body.path("v").asText());
        } catch (Exception e) {
            return Optional.empty(); // tampered, truncated, foreign or sealed with a retired key
        }
    }

    static String kid(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("panels-cookie-kid".getBytes(StandardCharsets.US_ASCII));
            return B64.encodeToString(sha.digest(key)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
