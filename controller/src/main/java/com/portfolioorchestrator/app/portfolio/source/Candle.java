package com.portfolioorchestrator.app.portfolio.source;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;

/** One OHLC candle of {@code /pair_candles}, in quote currency; {@code openTime} from {@code __date_ts}. */
public record Candle(Instant openTime, double open, double high, double low, double close) {
    public Candle {
        Checks.notNull(openTime, "openTime");
        Checks.positive(open, "open at " + openTime);
        Checks.positive(high, "high at " + openTime);
        Checks.positive(low, "low at " + openTime);
        Checks.positive(close, "close at " + openTime);
        if (high < low) {
            throw new IllegalArgumentException("high must be >= low at " + openTime + ", were " + high + " and " + low);
        }
    }
}
