package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;

/**
 * A closed trade, delivered once (see {@link ClosedTradeMarks}).
 *
 * @param profitRatio   fraction of the stake (Freqtrade {@code profit_ratio}); the loss-streak rule reads its sign and
 *                      the break-even band from it
 * @param profitAbsBase realised profit in the base currency
 */
public record ClosedTradeSnapshot(String botId, long tradeId, String pair, Instant closeTime, double profitRatio,
                                  double profitAbsBase) {
    public ClosedTradeSnapshot {
        Checks.notBlank(botId, "botId");
        Checks.notBlank(pair, "pair");
        Checks.notNull(closeTime, "closeTime");
        Checks.finite(profitRatio, "profitRatio");
        Checks.finite(profitAbsBase, "profitAbsBase");
    }

    /** The high-water mark this trade sets. */
    public ClosedTradeMark mark() {
        return new ClosedTradeMark(closeTime, tradeId);
    }
}
