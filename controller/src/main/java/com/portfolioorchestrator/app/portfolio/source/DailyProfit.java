package com.portfolioorchestrator.app.portfolio.source;

import com.portfolioorchestrator.core.Checks;
import java.time.LocalDate;

/**
 * One UTC day of {@code /daily}: closed-trade profit only (open PnL is never in it).
 *
 * @param absProfit       {@code abs_profit}, stake currency
 * @param startingBalance {@code starting_balance}, stake currency, the bot's balance at the start of the day
 */
public record DailyProfit(LocalDate date, double absProfit, double startingBalance, int tradeCount) {
    public DailyProfit {
        Checks.notNull(date, "date");
        Checks.finite(absProfit, "abs_profit of " + date);
        Checks.nonNegative(startingBalance, "starting_balance of " + date);
        Checks.nonNegative(tradeCount, "trade_count of " + date);
    }

    /**
     * The day's return as a fraction: {@code abs_profit / starting_balance} (Freqtrade's {@code rel_profit} before
     * its rounding to 8 places); 0 when the starting balance is 0.
     */
    public double dailyReturn() {
        return startingBalance > 0 ? absProfit / startingBalance : 0.0;
    }
}
