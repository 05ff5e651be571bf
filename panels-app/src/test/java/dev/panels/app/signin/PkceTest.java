package dev.panels.app.signin;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PkceTest {

    @Test
    void s256ChallengeMatchesTheRfc7636AppendixBExample() {
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void verifiersAreRfc7636ShapedAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String verifier = Pkce.newVerifier();
            assertThat(verifier).matches("[A-Za-z0-9_-]{43}");
            assertThat(seen.add(verifier)).isTrue();
        }
    }

    @Test
    void aTooShortOrIllegalVerifierIsRefused() {
        assertThatThrownBy(() -> Pkce.challenge("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pkce.challenge("a".repeat(42) + "/")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretsCompareByValueAndNullNeverMatches() {
        assertThat(Pkce.same("abc", "abc")).isTrue();
        assertThat(Pkce.same("abc", "abd")).isFalse();
        assertThat(Pkce.same(null, null)).isFalse();
        assertThat(Pkce.same("abc", null)).isFalse();
    }
}
