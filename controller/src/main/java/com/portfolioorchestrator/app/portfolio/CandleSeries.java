package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;
import java.util.List;

/**
 * Closed candles of the volatility source, oldest first, as parallel columns (what {@code core.stats.Atr} and
 * {@code core.regime.VolatilityZScores} take), with their z-scores.
 *
 * @param openTimes candle open times
 * @param zScores   {@code VolatilityZScores.fromCandles(high, low, close, policy)}, aligned with the candles; NaN where
 *                  it cannot be computed yet (the first {@code atr_period + 24} candles)
 */
public record CandleSeries(List<Instant> openTimes, DoubleSeries high, DoubleSeries low, DoubleSeries close,
                           DoubleSeries zScores) {
    public CandleSeries {
        openTimes = List.copyOf(openTimes);
        Checks.notNull(high, "high");
        Checks.notNull(low, "low");
        Checks.notNull(close, "close");
        Checks.notNull(zScores, "zScores");
        int n = openTimes.size();
        if (high.length() != n || low.length() != n || close.length() != n || zScores.length() != n) {
            throw new IllegalArgumentException("candle columns must have " + n + " values, had " + high.length() + "/"
                    + low.length() + "/" + close.length() + "/" + zScores.length());
        }
    }

    public static CandleSeries empty() {
        return new CandleSeries(List.of(), DoubleSeries.empty(), DoubleSeries.empty(), DoubleSeries.empty(),
                DoubleSeries.empty());
    }

    public int size() {
        return openTimes.size();
    }
}
