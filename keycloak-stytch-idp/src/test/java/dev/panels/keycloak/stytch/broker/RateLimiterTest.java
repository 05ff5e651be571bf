package dev.panels.keycloak.stytch.broker;

import dev.panels.emulator.common.MutableClock;
import dev.panels.keycloak.stytch.broker.RateLimiter.Kind;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {

    private static final long WINDOW = Kind.EMAIL.window().toMillis();

    /** Some time inside a window, not at its start. */
    private final MutableClock clock = new MutableClock(java.time.Instant.ofEpochMilli(1_000 * WINDOW + 123_456));
    private final FakeSingleUseObjects store = new FakeSingleUseObjects(clock);

    private RateLimiter node(Kind kind) {
        return new RateLimiter(store, kind, clock);
    }

    @Test
    void twoNodesSharingTheStoreEnforceTheLimitTogether() {
        RateLimiter nodeA = node(Kind.EMAIL);
        RateLimiter nodeB = node(Kind.EMAIL);

        assertThat(nodeA.tryAcquire("realm|ada@northwind.example|203.0.113.7", 3)).isTrue();
        assertThat(nodeB.tryAcquire("realm|ada@northwind.example|203.0.113.7", 3)).isTrue();
        assertThat(nodeA.tryAcquire("realm|ada@northwind.example|203.0.113.7", 3)).isTrue();
        assertThat(nodeB.tryAcquire("realm|ada@northwind.example|203.0.113.7", 3)).isFalse();
        assertThat(nodeA.tryAcquire("realm|ada@northwind.example|203.0.113.7", 3)).isFalse();
    }

    @Test
    void threadsRacingOnOneKeyAcrossNodesNeverGetMoreThanTheLimit() throws Exception {
        int limit = 5;
        int threads = 16;
        int attemptsPerThread = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                String key = "race-" + round;
                CountDownLatch start = new CountDownLatch(1);
                AtomicInteger allowed = new AtomicInteger();
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    RateLimiter limiter = node(Kind.IP); // a limiter per request, as on separate nodes
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < attemptsPerThread; i++) {
                            if (limiter.tryAcquire(key, limit)) {
                                allowed.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }
                assertThat(allowed.get()).as("round %d", round).isEqualTo(limit);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNewWindowAllowsAgain() {
        RateLimiter limiter = node(Kind.SECRET);
        assertThat(limiter.tryAcquire("password|a", 2)).isTrue();
        assertThat(limiter.tryAcquire("password|a", 2)).isTrue();
        assertThat(limiter.tryAcquire("password|a", 2)).isFalse();

        long nextWindow = (clock.millis() / WINDOW + 1) * WINDOW;
        clock.advance(java.time.Duration.ofMillis(nextWindow - 1 - clock.millis()));
        assertThat(limiter.tryAcquire("password|a", 2)).isFalse();
        clock.advance(java.time.Duration.ofMillis(nextWindow - clock.millis()));
        assertThat(limiter.tryAcquire("password|a", 2)).isTrue();
        assertThat(limiter.tryAcquire("password|a", 2)).isTrue();
        assertThat(limiter.tryAcquire("password|a", 2)).isFalse();
    }

    @Test
    void slotsExpireWithTheirWindowSoTheStoreDoesNotGrow() {
        RateLimiter limiter = node(Kind.EMAIL);
        limiter.tryAcquire("k", 3);
        limiter.tryAcquire("k", 3);
        assertThat(store.keys()).hasSize(2);

        // Even a few hundred milliseconds before the end, the slot lives at least 1 s (the store's minimum) ...
        clock.advance(java.time.Duration.ofMillis((clock.millis() / WINDOW + 1) * WINDOW - 300 - clock.millis()));
        limiter.tryAcquire("other", 3);
        assertThat(store.keys()).hasSize(3);
        // ... and everything of that window is gone shortly after it ends.
        clock.advance(java.time.Duration.ofMillis(1_000));
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void differentKeysAndKindsAreIndependent() {
        RateLimiter email = node(Kind.EMAIL);
        assertThat(email.tryAcquire("a", 1)).isTrue();
        assertThat(email.tryAcquire("a", 1)).isFalse();

        assertThat(email.tryAcquire("b", 1)).isTrue();
        assertThat(node(Kind.IP).tryAcquire("a", 1)).isTrue();
        assertThat(node(Kind.SECRET).tryAcquire("a", 1)).isTrue();
    }

    @Test
    void theStoreNeverHoldsAnEmailOrIpInClear() {
        String email = "ada.lovelace@northwind.example";
        String ip = "203.0.113.7";
        for (int i = 0; i < 4; i++) {
            node(Kind.EMAIL).tryAcquire("stytch|realm-1|" + email + '|' + ip, 3);
            node(Kind.IP).tryAcquire("stytch|realm-1|" + ip, 10);
        }
        assertThat(store.keys()).isNotEmpty().allSatisfy(key -> {
            assertThat(key).startsWith(RateLimiter.KEY_PREFIX)
                    .doesNotContain(email).doesNotContain("northwind").doesNotContain("@").doesNotContain(ip)
                    .hasSizeLessThan(120);
        });
    }

    @Test
    void aRefusedAttemptOnlyReadsAndAnAllowedOneWritesOnce() {
        RateLimiter limiter = node(Kind.EMAIL);
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("k", 3);
        }
        assertThat(store.putIfAbsentCalls).hasValue(3);
        assertThat(limiter.tryAcquire("k", 3)).isFalse();
        assertThat(store.putIfAbsentCalls).hasValue(3);
    }

    @Test
    void aLimitThatIsNotPositiveIsRejected() {
        RateLimiter limiter = node(Kind.EMAIL);
        assertThatThrownBy(() -> limiter.tryAcquire("k", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> limiter.tryAcquire("k", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void aRequestsLimiterUsesTheSessionsSingleUseStore() {
        KeycloakSession session = (KeycloakSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{KeycloakSession.class}, (p, m, args) -> {
                    if (m.getName().equals("singleUseObjects")) {
                        return store;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        assertThat(RateLimiter.of(session, Kind.EMAIL).tryAcquire("k", 1)).isTrue();
        assertThat(store.keys()).singleElement().asString().startsWith(RateLimiter.KEY_PREFIX + "email.");
    }

    @Test
    void everyLimitCountsPerFifteenMinutes() {
        for (Kind kind : Kind.values()) {
            assertThat(kind.window()).isEqualTo(java.time.Duration.ofMinutes(15));
        }
    }
}
