package dev.panels.emulator.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock that only moves when told to. The emulators take a {@link Clock}, so their tests (and anyone driving an
 * emulator from a test) can expire tokens without waiting.
 */
public final class MutableClock extends Clock {

    private volatile Instant now;

    /** Starts at the current time, at millisecond precision like the emulators' timestamps. */
    public MutableClock() {
        this(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public MutableClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration by) {
        now = now.plus(by);
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
        return now;
    }
}
