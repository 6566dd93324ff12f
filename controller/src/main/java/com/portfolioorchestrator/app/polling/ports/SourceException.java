package com.portfolioorchestrator.app.polling.ports;

import java.util.Objects;

/**
 * A failed call to an outside source, as the app sees it. The wiring translates each adapter failure into one,
 * keeping the adapter's classification ({@code kind}, e.g. {@code CONNECT}, {@code TIMEOUT}, {@code BOT_STATE},
 * {@code MALFORMED}) and whether retrying can help. Unchecked: pollers catch it at one place per source.
 */
public final class SourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final boolean retryable;

    public SourceException(String kind, boolean retryable, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryable = retryable;
    }

    /** A stable failure name: the adapter's kind, or {@code INVALID_DATA} for a value the parser rejected. */
    public String kind() {
        return kind;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
