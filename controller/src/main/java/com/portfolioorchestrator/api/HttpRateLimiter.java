package com.portfolioorchestrator.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP requests per principal per second ({@code rate_limits.requests_per_second}), answered 429 with Retry-After
 * beyond. A fixed one-second window per principal, kept in a bounded, expiring Caffeine cache. This is transport
 * protection; the per-bot entry limits of the RiskOverlord (3/min, 10/h allowed entries) are a rule of the engine.
 */
public final class HttpRateLimiter {
    private static final long SECOND_NANOS = 1_000_000_000L;

    /** Packs the window start (seconds) and the count of one principal. */
    private static final class Window {
        final AtomicLong state = new AtomicLong();
    }

    private final int perSecond;
    private final Ticker ticker;
    private final Cache<String, Window> windows;

    public HttpRateLimiter(int perSecond, Ticker ticker) {
        this.perSecond = perSecond;
        this.ticker = ticker;
        // maintenance on the calling thread: no hand-off to the common ForkJoinPool per request
        this.windows = Caffeine.newBuilder().executor(Runnable::run).maximumSize(10_000)
                .expireAfterAccess(Duration.ofMinutes(5)).ticker(ticker).build();
    }

    /** True when the request may proceed; counts it. */
    public boolean tryAcquire(String principal) {
        Window w = windows.get(principal, k -> new Window());
        long second = ticker.read() / SECOND_NANOS;
        while (true) {
            long s = w.state.get();
            long windowSecond = s >>> 20;
            long count = s & 0xFFFFF;
            long next = windowSecond == second ? (count >= perSecond ? -1 : (second << 20) | (count + 1)) : (second << 20) | 1;
            if (next == -1) {
                return false;
            }
            if (w.state.compareAndSet(s, next)) {
                return true;
            }
        }
    }

    /** Whole seconds until the current window ends (at least 1): the Retry-After value. */
    public long retryAfterSeconds() {
        return 1;
    }
}
