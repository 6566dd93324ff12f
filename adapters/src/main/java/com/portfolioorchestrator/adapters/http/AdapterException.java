package com.portfolioorchestrator.adapters.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A classified failure of one call to an outside system. Each client throws its own subclass
 * ({@code FreqtradeException}, {@code IbkrException}, {@code TelegramException}) and nothing else for I/O or protocol
 * problems; argument errors are {@link IllegalArgumentException}s.
 *
 * <p>Unchecked on purpose: pollers catch it at one place per source and turn it into an "unavailable" value.
 */
public abstract class AdapterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final FailureKind kind;
    private final String endpoint;
    private final int httpStatus;
    private final transient Duration retryAfter;

    protected AdapterException(FailureKind kind, String endpoint, int httpStatus, String message,
                               Duration retryAfter, Throwable cause) {
        super(Objects.requireNonNull(endpoint, "endpoint") + ": " + kind + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "")
                + (message == null || message.isBlank() ? "" : ": " + message), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.endpoint = endpoint;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public FailureKind kind() {
        return kind;
    }

    /** The call that failed, e.g. {@code "GET /api/v1/status"}; never contains secrets. */
    public String endpoint() {
        return endpoint;
    }

    /** The HTTP status, or empty when no response arrived (connect failure, timeout). */
    public OptionalInt httpStatus() {
        return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
    }

    /** The delay the server asked for (Retry-After header or Telegram {@code retry_after}). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean isRetryable() {
        return kind.isRetryable();
    }
}
