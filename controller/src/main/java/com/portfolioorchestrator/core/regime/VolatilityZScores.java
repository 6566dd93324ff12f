package com.portfolioorchestrator.core.regime;

import com.portfolioorchestrator.core.Checks;
import com.portfolioorchestrator.core.policy.VolatilityPolicy;
import com.portfolioorchestrator.core.stats.Atr;
import com.portfolioorchestrator.core.stats.ZScore;
import java.util.Arrays;

/**
 * Hourly volatility z-scores from candles (playbook 2.4, PRODUCT.md 5.8): ATR % per candle (Wilder, atr_period), then
 * the z-score of each ATR % against the ATR % of the candles before it over zscore_window_d days (30 x 24 = 720 values
 * for 1 h candles; the current candle is not in its own history).
 *
 * <p>While fewer than 720 earlier values exist the window is shorter, but at least {@link #MIN_HISTORY} values are
 * required: a z-score over a handful of points is noise and could put the portfolio into EXTREME at start-up.
 * A full 30-day window needs {@code atr_period + 720 + 1} candles from the bot.
 */
public final class VolatilityZScores {
    /** Fewest earlier ATR % values a z-score is computed from: one day of hourly candles. */
    public static final int MIN_HISTORY = 24;

    private VolatilityZScores() {}

    /**
     * @param high  highs, oldest first (one per candle of {@code p.timeframe()})
     * @param low   lows, same length
     * @param close closes, same length, > 0
     * @return one z-score per candle, aligned with the input (element i belongs to candle i); NaN where it cannot be
     *     computed (the first {@code atr_period + MIN_HISTORY} candles, or a window of equal values)
     */
    public static double[] fromCandles(double[] high, double[] low, double[] close, VolatilityPolicy p) {
        return fromCandles(high, low, close, p, MIN_HISTORY);
    }

    /** As {@link #fromCandles(double[], double[], double[], VolatilityPolicy)} with another minimum history (>= 2). */
    public static double[] fromCandles(double[] high, double[] low, double[] close, VolatilityPolicy p, int minHistory) {
        Checks.notNull(p, "policy");
        if (minHistory < 2) {
            throw new IllegalArgumentException("minHistory must be >= 2, was " + minHistory);
        }
        int period = p.atrPeriod();
        int window = p.zscoreWindowD() * candlesPerDay(p.timeframe());
        double[] atr = Atr.percentSeries(high, low, close, period);
        double[] z = new double[close.length];
        Arrays.fill(z, Double.NaN);
        for (int j = minHistory; j < atr.length; j++) {
            int from = Math.max(0, j - window);
            z[j + period] = ZScore.of(atr, from, j, atr[j]);
        }
        return z;
    }

    /** Candles per day of a Freqtrade timeframe ({@code 1m} .. {@code 1d}); longer timeframes are not supported. */
    static int candlesPerDay(String timeframe) {
        int minutes;
        try {
            int amount = Integer.parseInt(timeframe.substring(0, timeframe.length() - 1));
            char unit = timeframe.charAt(timeframe.length() - 1);
            minutes = unit == 'm' ? amount : unit == 'h' ? amount * 60 : unit == 'd' ? amount * 1440 : -1;
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            minutes = -1;
        }
        if (minutes <= 0 || 1440 % minutes != 0) {
            throw new IllegalArgumentException("timeframe must be a Freqtrade timeframe dividing a day (1m .. 1d), was '"
                    + timeframe + "'");
        }
        return 1440 / minutes;
    }
}
