package com.portfolioorchestrator.adapters.freqtrade;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /api/v1/trades?limit=&offset=}: <b>closed</b> trades in ascending id order.
 *
 * @param tradesCount number of trades in this page
 * @param offset      the offset of the first trade of this page
 * @param totalTrades number of closed trades in the bot's database
 */
public record TradesPage(
        @JsonProperty("trades") List<Trade> trades,
        @JsonProperty("trades_count") Integer tradesCount,
        @JsonProperty("offset") Integer offset,
        @JsonProperty("total_trades") Integer totalTrades) {

    public TradesPage {
        if (trades == null || tradesCount == null || offset == null || totalTrades == null) {
            throw new IllegalArgumentException("trades, trades_count, offset and total_trades are required");
        }
        trades = List.copyOf(trades);
    }
}
