package dev.panels.keycloak.stytch.broker;

import org.keycloak.models.SingleUseObjectProvider;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Keycloak's cluster-wide single-use store as one map: every "node" given this instance sees the same entries, as
 * with the replicated cache. Lifespans expire by the given clock; {@code putIfAbsent} is atomic, like Infinispan's.
 */
final class FakeSingleUseObjects implements SingleUseObjectProvider {

    private record Entry(Map<String, String> value, long expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    /** Calls of putIfAbsent: each is a cluster write in Keycloak. */
    final AtomicInteger putIfAbsentCalls = new AtomicInteger();

    FakeSingleUseObjects(Clock clock) {
        this.clock = clock;
    }

    /** The keys of the entries still alive. */
    Set<String> keys() {
        return entries.entrySet().stream().filter(e -> alive(e.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private boolean alive(Entry e) {
        return e != null && clock.millis() < e.expiresAt();
    }

    private static void checkLifespan(long lifespanSeconds) {
        if (lifespanSeconds <= 0) {
            throw new IllegalArgumentException("lifespanInSeconds must be positive"); // as Keycloak's Infinispan store
        }
    }

    @Override
    public void put(String key, long lifespanSeconds, Map<String, String> notes) {
        checkLifespan(lifespanSeconds);
        entries.put(key, new Entry(new HashMap<>(notes), clock.millis() + lifespanSeconds * 1000));
    }

    @Override
    public Map<String, String> get(String key) {
        Entry e = entries.get(key);
        return alive(e) ? e.value() : null;
    }

    @Override
    public Map<String, String> remove(String key) {
        Entry e = entries.remove(key);
        return alive(e) ? e.value() : null;
    }

    @Override
    public boolean replace(String key, Map<String, String> notes) {
        Entry[] replaced = new Entry[1];
        entries.computeIfPresent(key, (k, old) -> alive(old)
                ? replaced[0] = new Entry(new HashMap<>(notes), old.expiresAt()) : null);
        return replaced[0] != null;
    }

    @Override
    public boolean putIfAbsent(String key, long lifespanSeconds) {
        checkLifespan(lifespanSeconds);
        putIfAbsentCalls.incrementAndGet();
        Entry mine = new Entry(null, clock.millis() + lifespanSeconds * 1000);
        // compute() runs atomically per key: exactly one caller replaces a missing or expired entry.
        return entries.compute(key, (k, old) -> alive(old) ? old : mine) == mine;
    }

    @Override
    public boolean contains(String key) {
        return alive(entries.get(key));
    }

    @Override
    public void close() {
    }
}
