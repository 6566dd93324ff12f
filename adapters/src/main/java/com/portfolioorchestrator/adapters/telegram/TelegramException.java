package com.portfolioorchestrator.adapters.telegram;

import com.portfolioorchestrator.adapters.http.AdapterException;
import com.portfolioorchestrator.adapters.http.FailureKind;
import java.time.Duration;

/**
 * A failed {@code sendMessage}: UNAUTHORIZED (401, bad bot token), FORBIDDEN (403, bot blocked or kicked), CLIENT (400,
 * e.g. "can't parse entities"), RATE_LIMITED (429 with {@code retry_after}), or a transport/server failure.
 */
public final class TelegramException extends AdapterException {
    private static final long serialVersionUID = 1L;

    TelegramException(FailureKind kind, String endpoint, int httpStatus, String message, Duration retryAfter,
                      Throwable cause) {
        super(kind, endpoint, httpStatus, message, retryAfter, cause);
    }
}
