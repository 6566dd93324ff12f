package com.portfolioorchestrator.adapters.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Headers;

/**
 * A complete HTTP response read into memory (our bodies are a few kB).
 *
 * @param status HTTP status code
 * @param body   the body as UTF-8 text, empty when there was none
 */
public record RawResponse(int status, String body, Headers headers) {
    public RawResponse {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(headers, "headers");
    }

    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    /**
     * The Retry-After header as a delay: delta-seconds or an HTTP date (relative to {@code clock}); empty when absent
     * or unreadable.
     */
    public Optional<Duration> retryAfter(Clock clock) {
        String value = headers.get("Retry-After");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration delay = Duration.between(clock.instant(), at);
                return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** The body shortened for an error message. */
    public String bodyExcerpt() {
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
