package com.portfolioorchestrator.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's simulated time: a {@link Clock} (UTC) that only moves when {@link #advance(Duration)} or
 * {@link #advanceTo(Instant)} is called, by the world's scheduler thread or a test. Millisecond resolution.
 * It never goes backwards. Everything in the simulated world (market ticks, bot timestamps, JWT expiry, strategy
 * cadences) reads this clock, so a run is reproducible given its seed and the sequence of advances.
 */
public final class SimulatedClock extends Clock {
    private final AtomicLong epochMillis;

    public SimulatedClock(Instant start) {
        this.epochMillis = new AtomicLong(start.toEpochMilli());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulated clock is always UTC");
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(epochMillis.get());
    }

    @Override
    public long millis() {
        return epochMillis.get();
    }

    /** Moves time forward by a non-negative duration and returns the new instant. */
    public Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must be >= 0, was " + duration);
        }
        return Instant.ofEpochMilli(epochMillis.addAndGet(duration.toMillis()));
    }

    /** Moves time forward to {@code target}; a target in the past is ignored (time never goes backwards). */
    public Instant advanceTo(Instant target) {
        long t = target.toEpochMilli();
        return Instant.ofEpochMilli(epochMillis.accumulateAndGet(t, Math::max));
    }
}
