package com.portfolioorchestrator.adapters.ibkr;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.portfolioorchestrator.adapters.http.Json;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /portfolio/{accountId}/ledger}: one entry per currency plus "BASE" (the account's base currency aggregate).
 */
public record Ledger(Map<String, Entry> entries) {
    public static final String BASE = "BASE";

    public Ledger {
        if (!entries.containsKey(BASE)) {
            throw new IllegalArgumentException("the BASE entry is missing, keys were " + entries.keySet());
        }
        entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    /**
     * One currency's ledger.
     *
     * @param exchangeRate base-currency units per 1 unit of this currency ({@code base = amount × exchangeRate})
     * @param timestamp    epoch <b>seconds</b> in the JSON (unlike the summary's ms)
     */
    public record Entry(
            @JsonProperty("currency") String currency,
            @JsonProperty("cashbalance") Double cashBalance,
            @JsonProperty("settledcash") Double settledCash,
            @JsonProperty("exchangerate") Double exchangeRate,
            @JsonProperty("netliquidationvalue") Double netLiquidationValue,
            @JsonProperty("stockmarketvalue") Double stockMarketValue,
            @JsonProperty("futuremarketvalue") Double futureMarketValue,
            @JsonProperty("futuresonlypnl") Double futuresOnlyPnl,
            @JsonProperty("unrealizedpnl") Double unrealizedPnl,
            @JsonProperty("realizedpnl") Double realizedPnl,
            @JsonProperty("interest") Double interest,
            @JsonProperty("timestamp") @JsonDeserialize(using = Json.EpochSeconds.class) Instant timestamp) {
    }

    public Entry base() {
        return entries.get(BASE);
    }

    /** Cash balance per ISO currency (BASE excluded), in that currency. */
    public Map<String, Double> cashByCurrency() {
        Map<String, Double> cash = new TreeMap<>();
        entries.forEach((currency, entry) -> {
            if (!BASE.equals(currency) && entry.cashBalance() != null) {
                cash.put(currency, entry.cashBalance());
            }
        });
        return Collections.unmodifiableMap(cash);
    }

    /** Base-currency units per unit of each ISO currency (BASE excluded). */
    public Map<String, Double> exchangeRates() {
        Map<String, Double> rates = new TreeMap<>();
        entries.forEach((currency, entry) -> {
            if (!BASE.equals(currency) && entry.exchangeRate() != null) {
                rates.put(currency, entry.exchangeRate());
            }
        });
        return Collections.unmodifiableMap(rates);
    }
}
