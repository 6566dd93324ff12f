package com.portfolioorchestrator.adapters.ibkr;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.portfolioorchestrator.adapters.http.Json;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /portfolio/{accountId}/summary}: key → value, keys also with suffix {@code -c} (commodities) and
 * {@code -s} (securities). Numeric keys use {@code amount} + {@code currency}, text keys use {@code value}.
 */
public record AccountSummary(Map<String, Value> values) {
    public static final String NET_LIQUIDATION = "netliquidation";

    public AccountSummary {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * One summary entry.
     *
     * @param timestamp epoch ms in the JSON
     */
    public record Value(
            @JsonProperty("amount") Double amount,
            @JsonProperty("currency") String currency,
            @JsonProperty("isNull") Boolean isNull,
            @JsonProperty("timestamp") @JsonDeserialize(using = Json.EpochMillis.class) Instant timestamp,
            @JsonProperty("value") String value,
            @JsonProperty("severity") Integer severity) {
    }

    /** The amount of a numeric key, empty when absent or flagged null. */
    public Optional<Double> findAmount(String key) {
        Value value = values.get(key);
        if (value == null || Boolean.TRUE.equals(value.isNull()) || value.amount() == null) {
            return Optional.empty();
        }
        return Optional.of(value.amount());
    }

    /** Net liquidation value in {@link #netLiquidationCurrency()}; the client guarantees it is present. */
    public double netLiquidation() {
        return findAmount(NET_LIQUIDATION).orElseThrow(() -> new IllegalStateException("netliquidation is missing"));
    }

    public String netLiquidationCurrency() {
        Value value = values.get(NET_LIQUIDATION);
        return value == null ? null : value.currency();
    }
}
