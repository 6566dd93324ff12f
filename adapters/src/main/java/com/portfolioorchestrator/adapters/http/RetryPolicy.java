package com.portfolioorchestrator.adapters.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Bounded exponential back-off for retryable failures ({@link FailureKind#isRetryable()}).
 *
 * <p>Retry n (1-based) waits {@code baseDelay * 2^(n-1)}, capped at {@code maxDelay}. A server-given delay
 * (Retry-After, Telegram {@code retry_after}) replaces the computed one; if it is longer than {@code maxDelay} we do not
 * sleep that long inside a poll: the failure is thrown at once, carrying the delay, so the caller can skip the source
 * until then instead of hammering it.
 *
 * @param maxRetries retries after the first attempt (0 = no retry)
 * @param baseDelay  delay before the first retry
 * @param maxDelay   longest single wait
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay) {
    /** No retry at all. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be in 0..10, was " + maxRetries);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("delays must be >= 0, were " + baseDelay + " and " + maxDelay);
        }
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must be >= baseDelay, was " + maxDelay + " < " + baseDelay);
        }
    }

    /** 2 retries, 200 ms then 400 ms, server delays honoured up to 5 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(2, Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    /**
     * The wait before retry number {@code retry} (1-based), or empty when the server asked for more than
     * {@code maxDelay}.
     */
    public Optional<Duration> delayBeforeRetry(int retry, Optional<Duration> serverDelay) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be >= 1, was " + retry);
        }
        if (serverDelay.isPresent()) {
            Duration asked = serverDelay.get().isNegative() ? Duration.ZERO : serverDelay.get();
            return asked.compareTo(maxDelay) > 0 ? Optional.empty() : Optional.of(asked);
        }
        Duration delay = baseDelay.multipliedBy(1L << Math.min(retry - 1, 20));
        return Optional.of(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
    }
}
