package com.portfolioorchestrator.adapters.http;

/**
 * Why a call to an outside system failed. The kind decides whether a retry can help.
 *
 * <p>Stable names: the controller logs them and turns them into reasons (for example a bot marked unavailable).
 */
public enum FailureKind {
    /** TCP connect refused, connection reset, TLS handshake failure, unknown host. Retryable. */
    CONNECT(true),
    /** Connect or read timeout. Retryable. */
    TIMEOUT(true),
    /** HTTP 429 (Telegram: {@code retry_after}). Retryable after the server's delay. */
    RATE_LIMITED(true),
    /** HTTP 5xx that is not a Freqtrade bot-state 502. Retryable. */
    SERVER(true),
    /** HTTP 401, a rejected login, or an IBKR "no session". Not retried beyond one re-authentication. */
    UNAUTHORIZED(false),
    /** HTTP 403 (Telegram: the bot was blocked). */
    FORBIDDEN(false),
    /** HTTP 404 (e.g. Freqtrade "Trade not found."). */
    NOT_FOUND(false),
    /** Freqtrade 502 {@code {"error": ...}}: the bot answered and reports its own state ("trader is not running"). */
    BOT_STATE(false),
    /** The body is not the JSON we expect (syntax, shape, or a required field missing). */
    MALFORMED(false),
    /** Any other 4xx (400, 405, 422 ...). */
    CLIENT(false),
    /** Freqtrade {@code api_version} outside the supported range. */
    UNSUPPORTED_API_VERSION(false),
    /** The calling thread was interrupted while waiting (rate limiter or back-off). */
    INTERRUPTED(false);

    private final boolean retryable;

    FailureKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether a later identical request can succeed without anything else changing. */
    public boolean isRetryable() {
        return retryable;
    }
}
