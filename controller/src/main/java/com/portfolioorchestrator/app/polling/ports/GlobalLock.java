package com.portfolioorchestrator.app.polling.ports;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;

/**
 * A Freqtrade lock with side "*" as {@code GET /locks} lists it.
 *
 * @param pair   "*" for a global lock
 * @param reason empty string when the lock has none
 * @param until  the end, rounded up by Freqtrade to the next candle
 */
public record GlobalLock(long id, boolean active, String pair, String reason, Instant until) {
    public GlobalLock {
        Checks.notBlank(pair, "pair");
        Checks.notNull(reason, "reason");
        Checks.notNull(until, "until");
    }

    public boolean isGlobal() {
        return "*".equals(pair);
    }
}
