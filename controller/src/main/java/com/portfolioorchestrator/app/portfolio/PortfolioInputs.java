package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.app.portfolio.source.Candle;
import com.portfolioorchestrator.core.Checks;
import java.util.List;

/**
 * Everything one view is built from: the latest good data of every source.
 *
 * @param bots              one entry per configured bot, in config order
 * @param volatilityCandles the last good {@code /pair_candles} answer of {@code volatility.source_bot}, oldest first
 */
public record PortfolioInputs(List<BotData> bots, List<Candle> volatilityCandles, IbkrData ibkr) {
    public PortfolioInputs {
        bots = List.copyOf(bots);
        volatilityCandles = List.copyOf(volatilityCandles);
        Checks.notNull(ibkr, "ibkr");
    }
}
