package com.portfolioorchestrator.persistence;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An open reservation of an allowed decision, as stored.
 *
 * @param decisionId the decision that reserved
 * @param botId      the bot it belongs to
 * @param expiresAt  {@code reservation_expires_at}; truncated to milliseconds, the stored precision
 * @param json       the app layer's JSON of the reservation (exposure, risk, pair...)
 */
public record Reservation(String decisionId, String botId, Instant expiresAt, String json) {
    public Reservation {
        Checks.notBlank(decisionId, "decision_id");
        Checks.notBlank(botId, "bot_id");
        expiresAt = Checks.notNull(expiresAt, "expires_at").truncatedTo(ChronoUnit.MILLIS);
        Checks.notBlank(json, "json");
    }
}
