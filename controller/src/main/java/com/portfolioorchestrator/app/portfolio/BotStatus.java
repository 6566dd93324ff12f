package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One bot in the view.
 *
 * @param stale        PRODUCT.md 5.11: no successful guard poll within {@code stale_after_intervals x guard_cycle_s},
 *                     a {@code /health} heartbeat older than {@code heartbeat_max_age_s}, no fresh balance within
 *                     {@code stale_after_intervals x risk_cycle_s}, or never polled
 * @param staleReason  why, in words (present exactly when stale)
 * @param lastGoodPoll the last successful guard poll ({@code /status} and {@code /health}); empty when never
 * @param equityBase   the bot's equity in the base currency: {@code total_bot}, plus for futures bots the open trades'
 *                     {@code total_profit_abs}, times the stake currency's rate. The last value that could be computed
 *                     (it is kept while the bot is stale); empty when it never could (unknown is not zero)
 */
public record BotStatus(String botId, boolean stale, Optional<String> staleReason, Optional<Instant> lastGoodPoll,
                        OptionalDouble equityBase) {
    public BotStatus {
        Checks.notBlank(botId, "botId");
        Checks.notNull(staleReason, "staleReason");
        Checks.notNull(lastGoodPoll, "lastGoodPoll");
        Checks.notNull(equityBase, "equityBase").ifPresent(e -> Checks.nonNegative(e, "equityBase of " + botId));
        if (stale != staleReason.isPresent()) {
            throw new IllegalArgumentException("bot " + botId + ": a reason is given exactly when stale, was stale="
                    + stale + " reason=" + staleReason);
        }
    }
}
