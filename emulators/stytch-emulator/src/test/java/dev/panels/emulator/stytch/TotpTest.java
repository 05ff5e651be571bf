package dev.panels.emulator.stytch;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The TOTP implementation against RFC 6238's SHA-1 test vectors (last six digits). */
class TotpTest {

    @Test
    void codesMatchRfc6238TestVectors() {
        assertThat(Totp.code(Seeded.ADA_TOTP_SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(Seeded.ADA_TOTP_SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.code(Seeded.ADA_TOTP_SECRET, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
        assertThat(Totp.code(Seeded.ADA_TOTP_SECRET, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
    }

    @Test
    void aCodeIsAcceptedOneStepEitherSideButNotFurther() {
        Instant t = Instant.ofEpochSecond(1234567890);
        String code = Totp.code(Seeded.ADA_TOTP_SECRET, t);

        assertThat(Totp.matchingStep(Seeded.ADA_TOTP_SECRET, code, t.plusSeconds(30))).isEqualTo(1234567890 / 30);
        assertThat(Totp.matchingStep(Seeded.ADA_TOTP_SECRET, code, t.plusSeconds(90))).isEqualTo(-1);
    }

    @Test
    void newSecretsAreBase32AndUsable() {
        String secret = Totp.newSecret();

        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(Totp.code(secret, Instant.EPOCH)).matches("[0-9]{6}");
    }
}
