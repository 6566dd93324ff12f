package com.portfolioorchestrator.adapters.freqtrade;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.portfolioorchestrator.adapters.http.Json;
import java.time.Instant;

/**
 * {@code GET /api/v1/profit} (API 2.40 fields). Coin amounts are in the stake currency; {@code *_ratio} fractions,
 * {@code *_percent} percent. {@code profitFactor} is null when there is no losing trade (Freqtrade's inf).
 * {@code maxDrawdown} is a relative account drawdown from closed trades only.
 */
public record Profit(
        @JsonProperty("profit_closed_coin") Double profitClosedCoin,
        @JsonProperty("profit_closed_percent_mean") Double profitClosedPercentMean,
        @JsonProperty("profit_closed_ratio_mean") Double profitClosedRatioMean,
        @JsonProperty("profit_closed_percent_sum") Double profitClosedPercentSum,
        @JsonProperty("profit_closed_ratio_sum") Double profitClosedRatioSum,
        @JsonProperty("profit_closed_percent") Double profitClosedPercent,
        @JsonProperty("profit_closed_ratio") Double profitClosedRatio,
        @JsonProperty("profit_closed_fiat") Double profitClosedFiat,
        @JsonProperty("profit_all_coin") Double profitAllCoin,
        @JsonProperty("profit_all_percent_mean") Double profitAllPercentMean,
        @JsonProperty("profit_all_ratio_mean") Double profitAllRatioMean,
        @JsonProperty("profit_all_percent_sum") Double profitAllPercentSum,
        @JsonProperty("profit_all_ratio_sum") Double profitAllRatioSum,
        @JsonProperty("profit_all_percent") Double profitAllPercent,
        @JsonProperty("profit_all_ratio") Double profitAllRatio,
        @JsonProperty("profit_all_fiat") Double profitAllFiat,
        @JsonProperty("trade_count") Integer tradeCount,
        @JsonProperty("closed_trade_count") Integer closedTradeCount,
        @JsonProperty("first_trade_timestamp") @JsonDeserialize(using = Json.EpochMillis.class) Instant firstTradeTimestamp,
        @JsonProperty("latest_trade_timestamp") @JsonDeserialize(using = Json.EpochMillis.class) Instant latestTradeTimestamp,
        @JsonProperty("avg_duration") String avgDuration,
        @JsonProperty("best_pair") String bestPair,
        @JsonProperty("best_rate") Double bestRate,
        @JsonProperty("best_pair_profit_ratio") Double bestPairProfitRatio,
        @JsonProperty("winning_trades") Integer winningTrades,
        @JsonProperty("losing_trades") Integer losingTrades,
        @JsonProperty("profit_factor") Double profitFactor,
        @JsonProperty("winrate") Double winrate,
        @JsonProperty("expectancy") Double expectancy,
        @JsonProperty("expectancy_ratio") Double expectancyRatio,
        @JsonProperty("max_drawdown") Double maxDrawdown,
        @JsonProperty("max_drawdown_abs") Double maxDrawdownAbs,
        @JsonProperty("max_drawdown_start_timestamp") @JsonDeserialize(using = Json.EpochMillis.class)
        Instant maxDrawdownStartTimestamp,
        @JsonProperty("max_drawdown_end_timestamp") @JsonDeserialize(using = Json.EpochMillis.class)
        Instant maxDrawdownEndTimestamp,
        @JsonProperty("trading_volume") Double tradingVolume,
        @JsonProperty("bot_start_timestamp") @JsonDeserialize(using = Json.EpochMillis.class) Instant botStartTimestamp) {
}
