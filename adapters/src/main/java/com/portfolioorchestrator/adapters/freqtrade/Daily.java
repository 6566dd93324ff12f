package com.portfolioorchestrator.adapters.freqtrade;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/v1/daily?timescale=n} ({@code DailyWeeklyMonthly}): closed-trade profit per UTC calendar day,
 * <b>newest first</b>; the first day is today (partial). Open PnL is never included.
 */
public record Daily(
        @JsonProperty("data") List<Day> data,
        @JsonProperty("fiat_display_currency") String fiatDisplayCurrency,
        @JsonProperty("stake_currency") String stakeCurrency) {

    public Daily {
        if (data == null) {
            throw new IllegalArgumentException("data is missing");
        }
        data = List.copyOf(data);
    }

    /**
     * One UTC day.
     *
     * @param absProfit       closed profit in stake currency
     * @param relProfit       {@code absProfit / startingBalance} (fraction)
     * @param startingBalance balance at the start of the day, computed backwards by Freqtrade
     */
    public record Day(
            @JsonProperty("date") LocalDate date,
            @JsonProperty("abs_profit") Double absProfit,
            @JsonProperty("rel_profit") Double relProfit,
            @JsonProperty("starting_balance") Double startingBalance,
            @JsonProperty("fiat_value") Double fiatValue,
            @JsonProperty("trade_count") Integer tradeCount) {

        public Day {
            if (date == null) {
                throw new IllegalArgumentException("date is missing");
            }
        }
    }
}
