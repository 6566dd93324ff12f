package com.portfolioorchestrator.core.stats;

/**
 * Average true range as a percentage of close (playbook 2.4 "BTC 1h ATR%"), with Wilder's smoothing as in TA-Lib:
 * true range {@code TR_i = max(high_i - low_i, |high_i - close_(i-1)|, |low_i - close_(i-1)|)} for i >= 1 (candle 0
 * has no previous close and gives no TR), the first ATR at index {@code period} is the mean of {@code TR_1..TR_period},
 * then {@code ATR_i = (ATR_(i-1) * (period - 1) + TR_i) / period}.
 */
public final class Atr {
    private Atr() {}

    /**
     * @param high   highs, oldest first, finite
     * @param low    lows, same length, finite
     * @param close  closes, same length, finite and > 0
     * @param period Wilder period, >= 1
     * @return {@code 100 * ATR_i / close_i} in percent (3.0 = 3 %) for candles {@code period .. n-1}: element 0 belongs
     *     to candle {@code period}; empty when {@code n <= period}
     */
    public static double[] percentSeries(double[] high, double[] low, double[] close, int period) {
        Series.finite(high, "high");
        Series.finite(low, "low");
        Series.finite(close, "close");
        Series.sameLength(high, "high", low, "low");
        Series.sameLength(high, "high", close, "close");
        if (period < 1) {
            throw new IllegalArgumentException("period must be >= 1, was " + period);
        }
        for (int i = 0; i < close.length; i++) {
            if (!(close[i] > 0)) {
                throw new IllegalArgumentException("close[" + i + "] must be > 0, was " + close[i]);
            }
            if (high[i] < low[i]) {
                throw new IllegalArgumentException("high[" + i + "] must be >= low[" + i + "], were "
                        + high[i] + " and " + low[i]);
            }
        }
        int n = close.length;
        if (n <= period) {
            return new double[0];
        }
        double[] out = new double[n - period];
        double atr = 0;
        for (int i = 1; i <= period; i++) {
            atr += trueRange(high, low, close, i);
        }
        atr /= period;
        out[0] = 100.0 * atr / close[period];
        for (int i = period + 1; i < n; i++) {
            atr = (atr * (period - 1) + trueRange(high, low, close, i)) / period;
            out[i - period] = 100.0 * atr / close[i];
        }
        return out;
    }

    private static double trueRange(double[] high, double[] low, double[] close, int i) {
        double previousClose = close[i - 1];
        return Math.max(high[i] - low[i], Math.max(Math.abs(high[i] - previousClose), Math.abs(low[i] - previousClose)));
    }
}
