package com.portfolioorchestrator.adapters.freqtrade;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of the {@code POST /api/v1/locks} body.
 *
 * @param pair   a pair, or "*" for a global lock
 * @param side   "long", "short" or "*" (both); only "*" locks are listed by {@code GET /locks}
 * @param until  the end; sent as ISO-8601 UTC with a zone ("2024-11-15T00:00:00Z"), which Freqtrade requires
 * @param reason free text shown in Freqtrade, may be absent
 */
public record LockRequest(String pair, String side, Instant until, Optional<String> reason) {
    public LockRequest {
        if (pair == null || pair.isBlank()) {
            throw new IllegalArgumentException("pair must not be blank, was '" + pair + "'");
        }
        if (!"*".equals(side) && !"long".equals(side) && !"short".equals(side)) {
            throw new IllegalArgumentException("side must be long, short or *, was '" + side + "'");
        }
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(reason, "reason");
    }

    /** A global lock on both sides: the kill switch. */
    public static LockRequest global(Instant until, String reason) {
        return new LockRequest("*", "*", until, Optional.of(reason));
    }
}
