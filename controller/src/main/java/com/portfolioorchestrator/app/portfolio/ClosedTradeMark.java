package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;
import java.util.Comparator;

/**
 * A bot's closed-trade high-water mark: trades are ordered by (close time, trade id) and a trade is delivered only if
 * it sorts after the mark. Close time first, because Freqtrade's ids follow the opening order and a trade opened
 * earlier may close later.
 */
public record ClosedTradeMark(Instant closeTime, long tradeId) implements Comparable<ClosedTradeMark> {
    private static final Comparator<ClosedTradeMark> ORDER = Comparator.comparing(ClosedTradeMark::closeTime)
            .thenComparingLong(ClosedTradeMark::tradeId);

    public ClosedTradeMark {
        Checks.notNull(closeTime, "closeTime");
    }

    @Override
    public int compareTo(ClosedTradeMark other) {
        return ORDER.compare(this, other);
    }
}
