package dev.panels.keycloak.medplum.mapper;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jwt.EncryptedJWT;
import dev.panels.emulator.common.MutableClock;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealedValuesTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private static final byte[] OLD_KEY = "fedcba9876543210fedcba9876543210".getBytes();
    private static final String KEYS = b64(KEY) + "," + b64(OLD_KEY);

    private static String b64(byte[] key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    @Test
    void aSealedValueIsAStandardJweThatTheAppsLibraryOpensAndNoOneElseReads() throws Exception {
        MutableClock clock = new MutableClock();
        String sealed = new SealedValues(KEYS, clock).seal("medplum-token", "eyJ-medplum-access-token", clock.instant().plusSeconds(600));

        assertThat(sealed).doesNotContain("medplum-access-token").matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        EncryptedJWT jwe = EncryptedJWT.parse(sealed);
        assertThat(jwe.getHeader().getAlgorithm()).isEqualTo(JWEAlgorithm.DIR);
        assertThat(jwe.getHeader().getEncryptionMethod()).isEqualTo(EncryptionMethod.A256GCM);
        assertThat(jwe.getHeader().getType().getType()).isEqualTo("medplum-token");
        jwe.decrypt(new DirectDecrypter(new SecretKeySpec(KEY, "AES")));
        assertThat(jwe.getJWTClaimsSet().getStringClaim("v")).isEqualTo("eyJ-medplum-access-token");
    }

    @Test
    void opensOnlyItsOwnPurposeWithinItsLifetimeWithAKnownKeyAndUntouched() {
        MutableClock clock = new MutableClock();
        SealedValues values = new SealedValues(KEYS, clock);
        SealedValues rotated = new SealedValues(b64(OLD_KEY), clock);
        String sealed = values.seal("medplum-session", "refresh-token", clock.instant().plusSeconds(60));

        assertThat(values.open("medplum-session", sealed)).contains("refresh-token");
        assertThat(values.open("medplum-token", sealed)).isEmpty();
        assertThat(rotated.open("medplum-session", sealed)).as("sealed with a key the reader lacks").isEmpty();
        assertThat(new SealedValues(b64(OLD_KEY) + "," + b64(KEY), clock).open("medplum-session", sealed)).as("old keys still open")
                .contains("refresh-token");
        char[] tampered = sealed.toCharArray();
        tampered[tampered.length - 30] = tampered[tampered.length - 30] == 'A' ? 'B' : 'A';
        assertThat(values.open("medplum-session", new String(tampered))).isEmpty();
        assertThat(values.open("medplum-session", "not.a.jwe")).isEmpty();
        clock.advance(Duration.ofSeconds(61));
        assertThat(values.open("medplum-session", sealed)).as("expired").isEmpty();
    }

    @Test
    void refusesMissingOrWeakKeysWithoutPrintingThem() {
        assertThatThrownBy(() -> new SealedValues("", new MutableClock())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new SealedValues("c2hvcnQ", new MutableClock())).hasMessageContaining("256 bits").hasMessageNotContaining("c2hvcnQ");
        assertThatThrownBy(() -> new SealedValues("***", new MutableClock())).hasMessageContaining("base64url");
    }
}
