package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.core.Checks;
import java.time.LocalDate;

/**
 * PnL since the start of the UTC day (PRODUCT.md 5.5: realised + unrealised vs start-of-day equity), base currency.
 *
 * <p>{@code pnlBase = equity now - startEquityBase}. The start equity is, in order of preference: the equity of the
 * last view before 00:00 UTC when it was at most {@code 3 x risk_cycle_s} before midnight
 * ({@link Source#OBSERVED}); the start passed in a {@link HistorySeed} for the same day ({@link Source#SEEDED});
 * otherwise reconstructed as {@code equity now - realised today - unrealised now} ({@link Source#RECONSTRUCTED}),
 * which books all of the open trades' unrealised PnL to today (it cannot know their value at midnight). Equity
 * includes bots whose data is stale (last good values), so a stale bot's PnL stops moving rather than vanishing.
 *
 * @param realisedBase closed trades with a close time today, base currency
 */
public record DayPnl(LocalDate day, double startEquityBase, double pnlBase, double realisedBase, Source source) {
    /** How the start-of-day equity was found. */
    public enum Source { OBSERVED, SEEDED, RECONSTRUCTED }

    public DayPnl {
        Checks.notNull(day, "day");
        Checks.finite(startEquityBase, "startEquityBase");
        Checks.finite(pnlBase, "pnlBase");
        Checks.finite(realisedBase, "realisedBase");
        Checks.notNull(source, "source");
    }

    /** {@code pnl / start equity} as a fraction (-0.02 = -2 %); 0 when the start equity is not positive. */
    public double fraction() {
        return startEquityBase > 0 ? pnlBase / startEquityBase : 0.0;
    }
}
