package com.portfolioorchestrator.adapters.freqtrade;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.portfolioorchestrator.adapters.http.Json;
import java.time.Instant;

/** An order of a trade ({@code OrderSchema} in /status, {@code Order.to_json()} in /trades). Floats may be null. */
public record Order(
        @JsonProperty("pair") String pair,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("status") String status,
        @JsonProperty("ft_order_side") String side,
        @JsonProperty("order_type") String orderType,
        @JsonProperty("is_open") Boolean isOpen,
        @JsonProperty("ft_is_entry") Boolean isEntry,
        @JsonProperty("amount") Double amount,
        @JsonProperty("remaining") Double remaining,
        @JsonProperty("filled") Double filled,
        @JsonProperty("safe_price") Double safePrice,
        @JsonProperty("price") Double price,
        @JsonProperty("average") Double average,
        @JsonProperty("cost") Double cost,
        @JsonProperty("ft_fee_base") Double feeBase,
        @JsonProperty("funding_fee") Double fundingFee,
        @JsonProperty("ft_order_tag") String orderTag,
        @JsonProperty("order_timestamp") @JsonDeserialize(using = Json.EpochMillis.class) Instant orderTimestamp,
        @JsonProperty("order_filled_timestamp") @JsonDeserialize(using = Json.EpochMillis.class) Instant orderFilledTimestamp) {
}
