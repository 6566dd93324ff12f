package com.portfolioorchestrator.app.portfolio.source;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;

/**
 * One closed trade of {@code /trades}.
 *
 * @param profitRatio fraction of the stake (0.03 = 3 %), Freqtrade's {@code profit_ratio} (= {@code close_profit})
 * @param profitAbs   realised profit in the bot's stake currency, fees and funding included
 */
public record ClosedTrade(long tradeId, String pair, boolean isShort, Instant closeTime, double profitRatio,
                          double profitAbs) {
    public ClosedTrade {
        Checks.nonNegative(tradeId, "trade_id");
        Checks.notBlank(pair, "pair");
        Checks.notNull(closeTime, "close_timestamp of trade " + tradeId);
        Checks.finite(profitRatio, "profit_ratio of trade " + tradeId);
        Checks.finite(profitAbs, "profit_abs of trade " + tradeId);
    }
}
