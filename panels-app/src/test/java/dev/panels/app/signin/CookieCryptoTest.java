package dev.panels.app.signin;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CookieCryptoTest {

    private static final String KEY_A = key(1);
    private static final String KEY_B = key(2);
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String RT = SessionCookies.REFRESH_PURPOSE;

    private static String key(int seed) {
        byte[] raw = new byte[32];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (seed * 31 + i);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static String seal(CookieCrypto crypto, String purpose) {
        return crypto.seal(purpose, Map.of("rt", "refresh-token-value"), NOW.plusSeconds(60));
    }

    @Test
    void sealedValueRoundTripsAndHidesTheToken() {
        CookieCrypto crypto = new CookieCrypto(List.of(KEY_A), CLOCK);
        String sealed = seal(crypto, RT);
        assertThat(sealed.split("\\.")).hasSize(5); // compact JWE
        assertThat(new String(Base64.getUrlDecoder().decode(sealed.split("\\.")[0]))).contains("\"dir\"", "A256GCM");
        assertThat(sealed).doesNotContain("refresh-token-value");
        assertThat(crypto.open(RT, sealed)).contains(Map.of("rt", "refresh-token-value"));
    }

    @Test
    void rotatedKeysStillOpenOldCookiesAndNewCookiesUseTheFirstKey() {
        String oldCookie = seal(new CookieCrypto(List.of(KEY_A), CLOCK), RT);
        CookieCrypto rotated = new CookieCrypto(List.of(KEY_B, KEY_A), CLOCK);
        assertThat(rotated.open(RT, oldCookie)).isPresent();

        String newCookie = seal(rotated, RT);
        assertThat(new CookieCrypto(List.of(KEY_B), CLOCK).open(RT, newCookie)).isPresent();
        assertThat(new CookieCrypto(List.of(KEY_A), CLOCK).open(RT, newCookie)).as("encrypted with B, not A").isEmpty();
    }

    @Test
    void aRetiredKeyNoLongerOpensItsCookies() {
        String oldCookie = seal(new CookieCrypto(List.of(KEY_A), CLOCK), RT);
        assertThat(new CookieCrypto(List.of(KEY_B), CLOCK).open(RT, oldCookie)).isEmpty();
    }

    @Test
    void tamperedTruncatedOrForeignValuesAreRefused() {
        CookieCrypto crypto = new CookieCrypto(List.of(KEY_A), CLOCK);
        String sealed = seal(crypto, RT);
        String[] parts = sealed.split("\\.");
        char[] cipher = parts[3].toCharArray();
        cipher[2] = cipher[2] == 'A' ? 'B' : 'A';
        parts[3] = new String(cipher);
        assertThat(crypto.open(RT, String.join(".", parts))).isEmpty();
        assertThat(crypto.open(RT, sealed.substring(0, sealed.length() - 4))).isEmpty();
        assertThat(crypto.open(RT, "not-a-jwe")).isEmpty();
        assertThat(crypto.open(RT, null)).isEmpty();
    }

    @Test
    void aCookieSealedForOnePurposeCannotServeAnother() {
        CookieCrypto crypto = new CookieCrypto(List.of(KEY_A), CLOCK);
        String login = seal(crypto, SessionCookies.LOGIN_PURPOSE);
        assertThat(crypto.open(RT, login)).isEmpty();
        assertThat(crypto.open(SessionCookies.LOGIN_PURPOSE, login)).isPresent();
    }

    @Test
    void anExpiredCookieIsRefusedWhateverTheBrowserKept() {
        String sealed = seal(new CookieCrypto(List.of(KEY_A), CLOCK), RT);
        CookieCrypto later = new CookieCrypto(List.of(KEY_A), Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC));
        assertThat(later.open(RT, sealed)).isEmpty();
    }

    @Test
    void keysMustBe256BitBase64Url() {
        assertThatThrownBy(() -> new CookieCrypto(List.of(), CLOCK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CookieCrypto(List.of("c2hvcnQ"), CLOCK)).hasMessageContaining("256 bits");
        assertThatThrownBy(() -> new CookieCrypto(List.of("!!!"), CLOCK)).hasMessageContaining("base64url");
    }

    @Test
    void theKeyIdNamesTheKeyWithoutRevealingIt() {
        byte[] raw = Base64.getUrlDecoder().decode(KEY_A);
        assertThat(CookieCrypto.kid(raw)).hasSize(16).isNotEqualTo(CookieCrypto.kid(Base64.getUrlDecoder().decode(KEY_B)));
        assertThat(KEY_A).doesNotContain(CookieCrypto.kid(raw));
    }
}
