package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.app.portfolio.source.Candle;
import com.portfolioorchestrator.core.Checks;
import java.util.List;
import java.util.Optional;

/**
 * What a restart passes back from the orchestrator's own stored snapshots, so it does not reset the stream or the
 * regime: the closed-trade marks (nothing at or before them is delivered again), the start-of-day equity (day PnL
 * keeps its base after a mid-day restart; used only when its day is today) and stored volatility candles (merged with
 * what {@code /pair_candles} returns, so the 30-day z-score window survives a bot with a short history).
 */
public record HistorySeed(ClosedTradeMarks closedTradeMarks, Optional<DayStart> dayStart, List<Candle> volatilityCandles) {
    public HistorySeed {
        Checks.notNull(closedTradeMarks, "closedTradeMarks");
        Checks.notNull(dayStart, "dayStart");
        volatilityCandles = List.copyOf(volatilityCandles);
    }

    public static HistorySeed empty() {
        return new HistorySeed(ClosedTradeMarks.none(), Optional.empty(), List.of());
    }
}
