package dev.panels.keycloak.medplum.client;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MedplumTokenCacheTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private final AtomicReference<MedplumToken> stored = new AtomicReference<>();
    private final MedplumTokenCache.Slot slot = new MedplumTokenCache.Slot() {
        @Override
        public Optional<MedplumToken> load() {
            return Optional.ofNullable(stored.get());
        }

        @Override
        public void save(MedplumToken token) {
            stored.set(token);
        }
    };
    private final AtomicInteger grants = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();

    private static MedplumToken token(String name, Instant now) {
        return new MedplumToken("access-" + name, "refresh-" + name, now.plus(Duration.ofHours(1)), "p", "Practitioner/1");
    }

    private MedplumTokenCache cacheAt(Instant now) {
        return new MedplumTokenCache(Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void twentyObtainsWithinTheLifetimeMakeOneGrant() throws Exception {
        for (int i = 0; i < 20; i++) {
            Instant now = T0.plus(Duration.ofMinutes(i * 2));
            MedplumTokenCache.Obtained t = cacheAt(now).obtain("k", slot, () -> token("g" + grants.incrementAndGet(), now),
                    r -> token("r" + refreshes.incrementAndGet(), now));
            assertThat(t.token().accessToken()).isEqualTo("access-g1");
            assertThat(t.renewed()).isEqualTo(i == 0);
        }
        assertThat(grants).hasValue(1);
        assertThat(refreshes).hasValue(0);
    }

    @Test
    void nearExpiryTheRefreshTokenIsUsedAndTheRotatedOneKept() throws Exception {
        cacheAt(T0).obtain("k", slot, () -> token("g" + grants.incrementAndGet(), T0), null);
        Instant late = T0.plus(Duration.ofMinutes(56));
        AtomicReference<String> presented = new AtomicReference<>();

        MedplumTokenCache.Obtained renewed = cacheAt(late).obtain("k", slot, () -> token("g" + grants.incrementAndGet(), late), r -> {
            presented.set(r);
            return token("r" + refreshes.incrementAndGet(), late);
        });

        assertThat(presented.get()).isEqualTo("refresh-g1");
        assertThat(renewed.token().accessToken()).isEqualTo("access-r1");
        assertThat(renewed.renewed()).isTrue();
        assertThat(stored.get().refreshToken()).isEqualTo("refresh-r1");
        assertThat(grants).hasValue(1);
    }

    @Test
    void aRefusedRefreshFallsBackToTheGrantAndAFailedGrantPropagates() throws Exception {
        cacheAt(T0).obtain("k", slot, () -> token("g" + grants.incrementAndGet(), T0), null);
        Instant later = T0.plus(Duration.ofHours(2));

        MedplumTokenCache.Obtained t = cacheAt(later).obtain("k", slot, () -> token("g" + grants.incrementAndGet(), later), r -> {
            throw new MedplumException("invalid_grant");
        });
        assertThat(t.token().accessToken()).isEqualTo("access-g2");

        Instant evenLater = later.plus(Duration.ofHours(2));
        assertThatThrownBy(() -> cacheAt(evenLater).obtain("k", slot, () -> {
            throw new MedplumException("Medplum did not answer");
        }, null)).isInstanceOf(MedplumException.class);
        assertThat(stored.get().accessToken()).isEqualTo("access-g2");
    }
}
