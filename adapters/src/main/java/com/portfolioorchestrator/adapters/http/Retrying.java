package com.portfolioorchestrator.adapters.http;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one call with a {@link RetryPolicy}: retries only {@link AdapterException}s whose kind is retryable. */
public final class Retrying {
    private static final Logger LOG = LoggerFactory.getLogger(Retrying.class);

    private Retrying() {
    }

    /**
     * Runs {@code attempt} until it returns, throws a non-retryable failure, or the retries are used up (then the
     * last failure is thrown).
     *
     * @param interrupted makes the exception thrown when the back-off sleep is interrupted
     */
    public static <T> T run(RetryPolicy policy, Sleeper sleeper, Supplier<T> attempt,
                            Function<AdapterException, AdapterException> interrupted) {
        int retry = 0;
        while (true) {
            try {
                return attempt.get();
            } catch (AdapterException failure) {
                if (!failure.isRetryable() || retry >= policy.maxRetries()) {
                    throw failure;
                }
                retry++;
                Optional<Duration> delay = policy.delayBeforeRetry(retry, failure.retryAfter());
                if (delay.isEmpty()) {
                    LOG.warn("{}; server asked to wait {}, longer than the {} we wait inside a call: giving up",
                            failure.getMessage(), failure.retryAfter().orElseThrow(), policy.maxDelay());
                    throw failure;
                }
                LOG.info("{}; retry {}/{} in {} ms", failure.getMessage(), retry, policy.maxRetries(),
                        delay.get().toMillis());
                try {
                    sleeper.sleep(delay.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    AdapterException stop = interrupted.apply(failure);
                    stop.addSuppressed(e);
                    throw stop;
                }
            }
        }
    }
}
