package com.portfolioorchestrator.adapters.http;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket that spaces requests: {@code capacity} tokens, refilled at {@code tokensPerSecond}.
 *
 * <p>{@link #reserve()} always takes a token, possibly one that only exists in the future, and says how long to wait
 * for it; waiting happens outside the lock, so concurrent callers queue in reservation order. In any one-second window
 * at most {@code capacity + tokensPerSecond} requests start.
 */
public final class TokenBucket {
    private final double capacity;
    private final double tokensPerNano;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastRefill;

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
        this.capacity = capacity;
        this.tokensPerNano = tokensPerSecond / 1e9;
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.lastRefill = nanoTime.getAsLong();
    }

    /** Takes one token and returns how long the caller must wait before sending (zero if one was available). */
    public synchronized Duration reserve() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * tokensPerNano);
        lastRefill = now;
        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-tokens / tokensPerNano));
    }

    /** Reserves a token and sleeps until it is due. */
    public void acquire(Sleeper sleeper) throws InterruptedException {
        Duration wait = reserve();
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
    }
}
