package dev.panels.emulator.common;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

class RsaSigningKeyTest {

    private static final RsaSigningKey KEY = RsaSigningKey.generate("test");
    private static final Date NOW = new Date();

    private static String tokenExpiringIn(long seconds) {
        return KEY.sign(new JWTClaimsSet.Builder().subject("member-1")
                .expirationTime(new Date(NOW.getTime() + seconds * 1000)).build());
    }

    @Test
    void signedTokenVerifiesAndCarriesItsClaims() {
        assertThat(KEY.verify(tokenExpiringIn(60), NOW)).get().extracting(JWTClaimsSet::getSubject).isEqualTo("member-1");
    }

    @Test
    void expiredTokenIsRefused() {
        assertThat(KEY.verify(tokenExpiringIn(-1), NOW)).isEmpty();
    }

    @Test
    void tamperedOrForeignOrMalformedTokensAreRefused() {
        String token = tokenExpiringIn(60);
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        String foreign = RsaSigningKey.generate("other").sign(new JWTClaimsSet.Builder()
                .expirationTime(new Date(NOW.getTime() + 60_000)).build());
        String unsigned = parts[0].replace(parts[0], "eyJhbGciOiJub25lIn0") + "." + parts[1] + ".";

        assertThat(KEY.verify(tampered, NOW)).isEmpty();
        assertThat(KEY.verify(foreign, NOW)).isEmpty();
        assertThat(KEY.verify(unsigned, NOW)).isEmpty();
        assertThat(KEY.verify("not-a-jwt", NOW)).isEmpty();
    }

    @Test
    void jwksPublishesOnlyThePublicHalf() {
        assertThat(KEY.jwksJson()).contains("\"kid\":\"" + KEY.keyId() + "\"").contains("\"n\"").doesNotContain("\"d\"");
    }

    @Test
    void keySurvivesASnapshotRoundTrip() {
        RsaSigningKey restored = RsaSigningKey.fromPrivateJson(KEY.toPrivateJson());
        assertThat(restored.verify(tokenExpiringIn(60), NOW)).isPresent();
    }
}
