package com.portfolioorchestrator.adapters.freqtrade;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code GET /api/v1/show_config} (the fields the orchestrator uses).
 *
 * @param apiVersion     the REST API version, a float (2.40 arrives as {@code 2.4})
 * @param stakeAmount    a number as a string, or {@code "unlimited"}
 * @param maxOpenTrades  a float; -1 when unlimited
 * @param stoploss       the strategy stoploss as a (leveraged) ratio, e.g. -0.1
 * @param state          "running", "stopped", "reload_config" (newer: "paused")
 */
public record ShowConfig(
        @JsonProperty("version") String version,
        @JsonProperty("strategy_version") String strategyVersion,
        @JsonProperty("api_version") Double apiVersion,
        @JsonProperty("dry_run") Boolean dryRun,
        @JsonProperty("trading_mode") String tradingMode,
        @JsonProperty("short_allowed") Boolean shortAllowed,
        @JsonProperty("stake_currency") String stakeCurrency,
        @JsonProperty("stake_amount") String stakeAmount,
        @JsonProperty("available_capital") Double availableCapital,
        @JsonProperty("stake_currency_decimals") Integer stakeCurrencyDecimals,
        @JsonProperty("max_open_trades") Double maxOpenTrades,
        @JsonProperty("minimal_roi") Map<String, Double> minimalRoi,
        @JsonProperty("stoploss") Double stoploss,
        @JsonProperty("stoploss_on_exchange") Boolean stoplossOnExchange,
        @JsonProperty("trailing_stop") Boolean trailingStop,
        @JsonProperty("use_custom_stoploss") Boolean useCustomStoploss,
        @JsonProperty("unfilledtimeout") UnfilledTimeout unfilledTimeout,
        @JsonProperty("timeframe") String timeframe,
        @JsonProperty("timeframe_ms") Long timeframeMs,
        @JsonProperty("timeframe_min") Integer timeframeMin,
        @JsonProperty("exchange") String exchange,
        @JsonProperty("strategy") String strategy,
        @JsonProperty("force_entry_enable") Boolean forceEntryEnable,
        @JsonProperty("bot_name") String botName,
        @JsonProperty("state") String state,
        @JsonProperty("runmode") String runmode,
        @JsonProperty("position_adjustment_enable") Boolean positionAdjustmentEnable,
        @JsonProperty("max_entry_position_adjustment") Integer maxEntryPositionAdjustment) {

    public ShowConfig {
        if (apiVersion == null) {
            throw new IllegalArgumentException("api_version is missing");
        }
        minimalRoi = minimalRoi == null ? Map.of() : Map.copyOf(minimalRoi);
    }

    /** {@code unfilledtimeout} block; {@code unit} is "minutes" or "seconds". */
    public record UnfilledTimeout(
            @JsonProperty("entry") Integer entry,
            @JsonProperty("exit") Integer exit,
            @JsonProperty("unit") String unit,
            @JsonProperty("exit_timeout_count") Integer exitTimeoutCount) {
    }

    public boolean isRunning() {
        return "running".equals(state);
    }

    public boolean isUnlimitedStake() {
        return "unlimited".equals(stakeAmount);
    }
}
