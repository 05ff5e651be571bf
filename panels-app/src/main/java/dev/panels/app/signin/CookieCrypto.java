package dev.panels.app.signin;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seals cookie contents as compact JWE ({@code dir} + {@code A256GCM}: authenticated encryption, so a
 * cookie can be neither read nor altered by the browser). Keys rotate: the first key encrypts, every key
 * decrypts, each found through the {@code kid} (a hash of the key, never the key). The protected header
 * carries the cookie's purpose as {@code typ}, so a login-state cookie can never pass as a refresh cookie;
 * an {@code exp} inside bounds its life independently of the browser.
 */
public final class CookieCrypto {

    private final SecretKey current;
    private final Map<String, SecretKey> byKid = new LinkedHashMap<>();
    private final Clock clock;

    public CookieCrypto(List<String> base64UrlKeys, Clock clock) {
        if (base64UrlKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one cookie key is required");
        }
        List<SecretKey> keys = new ArrayList<>();
        for (String encoded : base64UrlKeys) {
            byte[] raw;
            try {
                raw = Base64.getUrlDecoder().decode(encoded.strip().replace('+', '-').replace('/', '_').replace("=", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a cookie key is not base64url");
            }
            if (raw.length != 32) {
                throw new IllegalArgumentException("each cookie key must be 256 bits (32 bytes), base64url");
            }
            SecretKey key = new SecretKeySpec(raw, "AES");
            keys.add(key);
            byKid.putIfAbsent(kid(raw), key);
        }
        this.current = keys.get(0);
        this.clock = clock;
    }

    /** A sealed value of the given purpose holding {@code claims}, valid until {@code expires}. */
    public String seal(String purpose, Map<String, String> claims, Instant expires) {
        JWTClaimsSet.Builder body = new JWTClaimsSet.Builder().expirationTime(Date.from(expires));
        claims.forEach(body::claim);
        JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .keyID(kid(current.getEncoded())).type(new JOSEObjectType(purpose)).build();
        EncryptedJWT jwt = new EncryptedJWT(header, body.build());
        try {
            jwt.encrypt(new DirectEncrypter(current));
        } catch (JOSEException e) {
            throw new IllegalStateException("cookie encryption failed", e);
        }
        return jwt.serialize();
    }

    /** The claims if the value was sealed by one of our keys for this purpose and has not expired. */
    public Optional<Map<String, String>> open(String purpose, String sealed) {
        if (sealed == null || sealed.isBlank() || sealed.length() > 8192) {
            return Optional.empty();
        }
        try {
            EncryptedJWT jwt = EncryptedJWT.parse(sealed);
            JWEHeader header = jwt.getHeader();
            if (!JWEAlgorithm.DIR.equals(header.getAlgorithm()) || !EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())
                    || header.getType() == null || !purpose.equals(header.getType().getType())) {
                return Optional.empty();
            }
            SecretKey key = header.getKeyID() == null ? null : byKid.get(header.getKeyID());
            if (key == null) {
                return Optional.empty(); // sealed with a key that has been retired
            }
            jwt.decrypt(new DirectDecrypter(key));
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (exp == null || !exp.toInstant().isAfter(clock.instant())) {
                return Optional.empty();
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, Object> claim : claims.getClaims().entrySet()) {
                if (claim.getValue() instanceof String s) {
                    values.put(claim.getKey(), s);
                }
            }
            return Optional.of(values);
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty(); // tampered, truncated or foreign: treated as no cookie
        }
    }

    /** First 16 base64url characters of SHA-256("panels-cookie-kid" || key): names a key without revealing it. */
    static String kid(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("panels-cookie-kid".getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest(key)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
