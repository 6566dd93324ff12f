package com.portfolioorchestrator.adapters.freqtrade;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.portfolioorchestrator.adapters.http.Json;
import java.time.Instant;
import java.util.List;

/**
 * A Freqtrade trade: {@code OpenTradeSchema} from {@code /status} and {@code /trade/{id}}, or a raw
 * {@code Trade.to_json()} item from {@code /trades}.
 *
 * <p>Units: prices in quote currency, amounts in base units (leveraged), {@code stakeAmount} is the margin in stake
 * currency, {@code maxStakeAmount} is the notional. {@code *Ratio} are fractions (0.03), {@code *Pct} percent (3.0).
 * The {@code *_timestamp} fields (epoch ms) are read as {@link Instant}s; the zone-less date strings beside them are
 * ignored. Every float may be null: Freqtrade writes NaN/inf as null (e.g. {@code current_rate} on an exchange error).
 * The open-trade fields ({@code stoploss_current_dist*}, {@code stoploss_entry_dist*}, {@code current_rate},
 * {@code total_profit_*}) are null for items of {@code /trades}.
 *
 * @param timeframe          the strategy timeframe in minutes
 * @param stoplossEntryDist  profit (stake currency, negative = loss) if the stop fills: the trade's risk at stop
 * @param totalProfitAbs     unrealised plus already realised (partial exits) profit
 */
public record Trade(
        @JsonProperty("trade_id") Long tradeId,
        @JsonProperty("pair") String pair,
        @JsonProperty("base_currency") String baseCurrency,
        @JsonProperty("quote_currency") String quoteCurrency,
        @JsonProperty("is_open") Boolean isOpen,
        @JsonProperty("is_short") Boolean isShort,
        @JsonProperty("exchange") String exchange,
        @JsonProperty("strategy") String strategy,
        @JsonProperty("enter_tag") String enterTag,
        @JsonProperty("timeframe") Integer timeframe,
        @JsonProperty("trading_mode") String tradingMode,
        @JsonProperty("leverage") Double leverage,
        @JsonProperty("amount") Double amount,
        @JsonProperty("amount_requested") Double amountRequested,
        @JsonProperty("stake_amount") Double stakeAmount,
        @JsonProperty("max_stake_amount") Double maxStakeAmount,
        @JsonProperty("fee_open") Double feeOpen,
        @JsonProperty("fee_open_cost") Double feeOpenCost,
        @JsonProperty("fee_close") Double feeClose,
        @JsonProperty("fee_close_cost") Double feeCloseCost,
        @JsonProperty("open_timestamp") @JsonDeserialize(using = Json.EpochMillis.class) Instant openTimestamp,
        @JsonProperty("open_fill_timestamp") @JsonDeserialize(using = Json.EpochMillis.class) Instant openFillTimestamp,
        @JsonProperty("open_rate") Double openRate,
        @JsonProperty("open_rate_requested") Double openRateRequested,
        @JsonProperty("open_trade_value") Double openTradeValue,
        @JsonProperty("close_timestamp") @JsonDeserialize(using = Json.EpochMillis.class) Instant closeTimestamp,
        @JsonProperty("close_rate") Double closeRate,
        @JsonProperty("close_rate_requested") Double closeRateRequested,
        @JsonProperty("close_profit") Double closeProfit,
        @JsonProperty("close_profit_pct") Double closeProfitPct,
        @JsonProperty("close_profit_abs") Double closeProfitAbs,
        @JsonProperty("trade_duration_s") Long tradeDurationSeconds,
        @JsonProperty("profit_ratio") Double profitRatio,
        @JsonProperty("profit_pct") Double profitPct,
        @JsonProperty("profit_abs") Double profitAbs,
        @JsonProperty("profit_fiat") Double profitFiat,
        @JsonProperty("realized_profit") Double realizedProfit,
        @JsonProperty("realized_profit_ratio") Double realizedProfitRatio,
        @JsonProperty("exit_reason") String exitReason,
        @JsonProperty("exit_order_status") String exitOrderStatus,
        @JsonProperty("stop_loss_abs") Double stopLossAbs,
        @JsonProperty("stop_loss_ratio") Double stopLossRatio,
        @JsonProperty("stop_loss_pct") Double stopLossPct,
        @JsonProperty("stoploss_last_update_timestamp") @JsonDeserialize(using = Json.EpochMillis.class)
        Instant stoplossLastUpdateTimestamp,
        @JsonProperty("initial_stop_loss_abs") Double initialStopLossAbs,
        @JsonProperty("initial_stop_loss_ratio") Double initialStopLossRatio,
        @JsonProperty("min_rate") Double minRate,
        @JsonProperty("max_rate") Double maxRate,
        @JsonProperty("interest_rate") Double interestRate,
        @JsonProperty("liquidation_price") Double liquidationPrice,
        @JsonProperty("funding_fees") Double fundingFees,
        @JsonProperty("contract_size") Double contractSize,
        @JsonProperty("has_open_orders") Boolean hasOpenOrders,
        @JsonProperty("orders") List<Order> orders,
        @JsonProperty("stoploss_current_dist") Double stoplossCurrentDist,
        @JsonProperty("stoploss_current_dist_pct") Double stoplossCurrentDistPct,
        @JsonProperty("stoploss_current_dist_ratio") Double stoplossCurrentDistRatio,
        @JsonProperty("stoploss_entry_dist") Double stoplossEntryDist,
        @JsonProperty("stoploss_entry_dist_ratio") Double stoplossEntryDistRatio,
        @JsonProperty("current_rate") Double currentRate,
        @JsonProperty("total_profit_abs") Double totalProfitAbs,
        @JsonProperty("total_profit_fiat") Double totalProfitFiat,
        @JsonProperty("total_profit_ratio") Double totalProfitRatio) {

    public Trade {
        if (tradeId == null) {
            throw new IllegalArgumentException("trade_id is missing");
        }
        if (pair == null || pair.isBlank()) {
            throw new IllegalArgumentException("pair is missing in trade " + tradeId);
        }
        if (isOpen == null) {
            throw new IllegalArgumentException("is_open is missing in trade " + tradeId);
        }
        orders = orders == null ? List.of() : List.copyOf(orders);
    }
}
