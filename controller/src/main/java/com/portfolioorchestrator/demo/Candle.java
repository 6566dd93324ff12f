package com.portfolioorchestrator.demo;

/**
 * One OHLCV candle. {@code openTimeMillis} is the candle's open time in epoch milliseconds (Freqtrade's {@code __date_ts}).
 * Volume is in base-asset units (contracts for index futures).
 */
public record Candle(long openTimeMillis, double open, double high, double low, double close, double volume) {
    public Candle {
        if (!(low <= open && low <= close && high >= open && high >= close && low > 0)) {
            throw new IllegalArgumentException("inconsistent candle at " + openTimeMillis + ": o=" + open + " h=" + high
                    + " l=" + low + " c=" + close);
        }
        if (!(volume >= 0)) {
            throw new IllegalArgumentException("volume must be >= 0, was " + volume);
        }
    }
}
