package dev.panels.emulator.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock a test can move forward. The emulators take a {@link Clock}, so their tests (and anyone driving an
 * emulator from a test) can expire tokens without waiting: either a clock that only moves when told to, or one that
 * follows real time (a stand-in next to a real Keycloak) plus an offset the test may set and must reset.
 */
public final class MutableClock extends Clock {

    /** The fixed start, or null when following real time. */
    private final Instant start;
    private volatile Duration offset = Duration.ZERO;

    /** Starts at the current time, at millisecond precision like the emulators' timestamps, and stays there. */
    public MutableClock() {
        this(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public MutableClock(Instant start) {
        this.start = start;
    }

    private MutableClock(boolean followRealTime) {
        this.start = null;
    }

    /** Real time plus whatever {@link #advance} added since the last {@link #reset}. */
    public static MutableClock followingRealTime() {
        return new MutableClock(true);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Back to where it would be had it never been advanced. */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return (start == null ? Instant.now() : start).plus(offset);
    }
}
