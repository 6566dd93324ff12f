package com.portfolioorchestrator.adapters.http;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket that spaces requests: {@code capacity} tokens, refilled at {@code tokensPerSecond} (implemented as
 * the equivalent generic cell rate algorithm, in whole nanoseconds).
 *
 * <p>{@link #reserve()} always takes a token, possibly one that only exists in the future, and says how long to wait
 * for it; waiting happens outside the lock, so concurrent callers queue in reservation order. In any one-second window
 * at most {@code capacity + tokensPerSecond} requests start.
 */
public final class TokenBucket {
    private final long intervalNanos;
    private final long burstNanos;
    private final LongSupplier nanoTime;
    private long theoreticalArrival; // guarded by this; GCRA "virtual scheduling", integer ns to stay exact

    /**
     * @param nanoTime a monotonic time source in ns ({@code System::nanoTime} live, a fake in tests)
     */
    public TokenBucket(int capacity, double tokensPerSecond, LongSupplier nanoTime) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        if (!(tokensPerSecond > 0) || Double.isInfinite(tokensPerSecond)) {
            throw new IllegalArgumentException("tokensPerSecond must be > 0 and finite, was " + tokensPerSecond);
        }
        this.intervalNanos = Math.max(1L, Math.round(1e9 / tokensPerSecond));
        this.burstNanos = (capacity - 1) * intervalNanos;
        this.nanoTime = nanoTime;
        this.theoreticalArrival = nanoTime.getAsLong();
    }

    /** Takes one token and returns how long the caller must wait before sending (zero if one was available). */
    public synchronized Duration reserve() {
        long now = nanoTime.getAsLong();
        long earliest = theoreticalArrival - burstNanos;
        long wait = Math.max(0L, earliest - now);
        theoreticalArrival = Math.max(theoreticalArrival, now) + intervalNanos;
        return Duration.ofNanos(wait);
    }

    /** Reserves a token and sleeps until it is due. */
    public void acquire(Sleeper sleeper) throws InterruptedException {
        Duration wait = reserve();
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
    }
}
