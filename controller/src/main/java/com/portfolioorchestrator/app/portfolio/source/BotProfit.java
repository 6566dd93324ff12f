package com.portfolioorchestrator.app.portfolio.source;

import com.portfolioorchestrator.core.Checks;
import java.util.OptionalDouble;

/**
 * A bot's {@code /profit}, reduced to the edge score and trade count.
 *
 * @param expectancy       Freqtrade {@code expectancy}: mean profit per closed trade, stake currency; empty when null
 * @param expectancyRatio  Freqtrade {@code expectancy_ratio}: {@code (1 + avg win / avg loss) x win rate - 1}, unitless
 * @param closedTradeCount {@code closed_trade_count}
 */
public record BotProfit(OptionalDouble expectancy, OptionalDouble expectancyRatio, int closedTradeCount) {
    public BotProfit {
        Checks.notNull(expectancy, "expectancy").ifPresent(v -> Checks.finite(v, "expectancy"));
        Checks.notNull(expectancyRatio, "expectancy_ratio").ifPresent(v -> Checks.finite(v, "expectancy_ratio"));
        Checks.nonNegative(closedTradeCount, "closed_trade_count");
    }
}
