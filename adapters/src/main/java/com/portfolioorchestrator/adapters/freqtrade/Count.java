package com.portfolioorchestrator.adapters.freqtrade;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code GET /api/v1/count}. A stopped bot answers 502 "trader is not running" instead.
 *
 * @param max        max_open_trades, -1 when unlimited
 * @param totalStake Σ amount × open_rate of open trades: the notional, not the margin
 */
public record Count(
        @JsonProperty("current") int current,
        @JsonProperty("max") int max,
        @JsonProperty("total_stake") Double totalStake) {
}
