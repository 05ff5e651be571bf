package dev.panels.keycloak.medplum.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps a Medplum token where the caller says (a user session's notes, or a per-organization map) and renews it
 * only when it is about to expire: first with its refresh token (rotation: the new refresh token is saved, the
 * old one is dead), then, if that fails, with a fresh grant. Keycloak token refreshes therefore reach Medplum only
 * once per Medplum token lifetime.
 */
public final class MedplumTokenCache {

    /** Where one token lives. */
    public interface Slot {
        Optional<MedplumToken> load();

        void save(MedplumToken token);
    }

    /** The token to use, and whether Medplum was asked for it just now ({@code false}: it came from the slot). */
    public record Obtained(MedplumToken token, boolean renewed) {
    }

    @FunctionalInterface
    public interface Grant {
        MedplumToken obtain() throws MedplumException;
    }

    @FunctionalInterface
    public interface Refresher {
        MedplumToken refresh(String refreshToken) throws MedplumException;
    }

    /** Striped locks: one renewal per key at a time on this node, without a lock object per key kept forever. */
    private static final Object[] LOCKS = new Object[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new Object();
        }
    }

    private final Duration renewBefore;
    private final Clock clock;

    public MedplumTokenCache(Duration renewBefore, Clock clock) {
        this.renewBefore = renewBefore;
        this.clock = clock;
    }

    public Obtained obtain(String key, Slot slot, Grant fresh, Refresher refresher) throws MedplumException {
        Optional<MedplumToken> cached = slot.load().filter(this::usable);
        if (cached.isPresent()) {
            return new Obtained(cached.get(), false);
        }
        synchronized (LOCKS[Math.floorMod(key.hashCode(), LOCKS.length)]) {
            Optional<MedplumToken> current = slot.load();
            if (current.isPresent() && usable(current.get())) {
                return new Obtained(current.get(), false);
            }
            MedplumToken renewed = null;
            if (current.isPresent() && current.get().refreshToken() != null && refresher != null) {
                try {
                    renewed = refresher.refresh(current.get().refreshToken());
                } catch (MedplumException e) {
                    renewed = null; // refresh token expired, revoked or already used: start over with the grant
                }
            }
            if (renewed == null) {
                renewed = fresh.obtain();
            }
            slot.save(renewed);
            return new Obtained(renewed, true);
        }
    }

    /** Valid for longer than the renewal margin (a token handed out must outlive the Keycloak token carrying it). */
    boolean usable(MedplumToken token) {
        return token.expiresAt().isAfter(clock.instant().plus(renewBefore));
    }
}
