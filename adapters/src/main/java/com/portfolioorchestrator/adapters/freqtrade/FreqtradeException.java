package com.portfolioorchestrator.adapters.freqtrade;

import com.portfolioorchestrator.adapters.http.AdapterException;
import com.portfolioorchestrator.adapters.http.FailureKind;
import java.time.Duration;

/**
 * A failed call to a Freqtrade bot; see {@link #kind()}. {@link FailureKind#BOT_STATE} means the bot answered with
 * its own error (502 {@code {"error": ...}}), whose text is {@link #botMessage()}.
 */
public final class FreqtradeException extends AdapterException {
    private static final long serialVersionUID = 1L;
    private final String botMessage;

    FreqtradeException(FailureKind kind, String endpoint, int httpStatus, String message, Duration retryAfter,
                       Throwable cause) {
        super(kind, endpoint, httpStatus, message, retryAfter, cause);
        this.botMessage = message == null ? "" : message;
    }

    /** The bot's or server's own text ({@code error} or {@code detail}), or our description; never null. */
    public String botMessage() {
        return botMessage;
    }
}
