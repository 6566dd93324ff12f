package com.portfolioorchestrator.adapters.freqtrade;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /api/v1/balance}. Amounts are in the stake currency ({@code stake}).
 *
 * <p>{@code total} is the whole exchange account (the same for every bot on one account); use {@code totalBot}. For
 * futures bots {@code totalBot} counts collateral only and leaves out unrealised PnL (add the open trades'
 * {@code total_profit_abs}). Every float may be null (Freqtrade writes NaN/inf as null).
 */
public record Balances(
        @JsonProperty("currencies") List<Balance> currencies,
        @JsonProperty("total") Double total,
        @JsonProperty("total_bot") Double totalBot,
        @JsonProperty("symbol") String symbol,
        @JsonProperty("value") Double value,
        @JsonProperty("value_bot") Double valueBot,
        @JsonProperty("stake") String stake,
        @JsonProperty("note") String note,
        @JsonProperty("starting_capital") Double startingCapital,
        @JsonProperty("starting_capital_ratio") Double startingCapitalRatio,
        @JsonProperty("starting_capital_pct") Double startingCapitalPct,
        @JsonProperty("starting_capital_fiat") Double startingCapitalFiat,
        @JsonProperty("starting_capital_fiat_ratio") Double startingCapitalFiatRatio,
        @JsonProperty("starting_capital_fiat_pct") Double startingCapitalFiatPct) {

    public Balances {
        currencies = currencies == null ? List.of() : List.copyOf(currencies);
    }

    /** One currency row, or (futures) one position row with {@code isPosition} true. */
    public record Balance(
            @JsonProperty("currency") String currency,
            @JsonProperty("free") Double free,
            @JsonProperty("balance") Double balance,
            @JsonProperty("used") Double used,
            @JsonProperty("bot_owned") Double botOwned,
            @JsonProperty("est_stake") Double estStake,
            @JsonProperty("est_stake_bot") Double estStakeBot,
            @JsonProperty("stake") String stake,
            @JsonProperty("side") String side,
            @JsonProperty("is_position") Boolean isPosition,
            @JsonProperty("position") Double position,
            @JsonProperty("is_bot_managed") Boolean isBotManaged) {
    }
}
