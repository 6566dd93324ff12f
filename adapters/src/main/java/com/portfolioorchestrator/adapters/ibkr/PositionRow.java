package com.portfolioorchestrator.adapters.ibkr;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One raw row of {@code GET /portfolio/{accountId}/positions/{page}}, as IBKR sends it; {@link IbkrPosition} is the
 * normalised form. Numbers may arrive as strings ({@code "strike": "0"}); "lean" rows lack {@code multiplier}.
 *
 * @param avgCost per-unit cost <b>times the multiplier</b> (IBKR's definition)
 * @param avgPrice per-unit price paid
 * @param mktValue total value in {@code currency}, multiplier included
 */
public record PositionRow(
        @JsonProperty("acctId") String acctId,
        @JsonProperty("conid") Long conid,
        @JsonProperty("contractDesc") String contractDesc,
        @JsonProperty("ticker") String ticker,
        @JsonProperty("assetClass") String assetClass,
        @JsonProperty("currency") String currency,
        @JsonProperty("listingExchange") String listingExchange,
        @JsonProperty("position") Double position,
        @JsonProperty("mktPrice") Double mktPrice,
        @JsonProperty("mktValue") Double mktValue,
        @JsonProperty("avgCost") Double avgCost,
        @JsonProperty("avgPrice") Double avgPrice,
        @JsonProperty("realizedPnl") Double realizedPnl,
        @JsonProperty("unrealizedPnl") Double unrealizedPnl,
        @JsonProperty("multiplier") Double multiplier,
        @JsonProperty("expiry") String expiry,
        @JsonProperty("putOrCall") String putOrCall,
        @JsonProperty("strike") Double strike,
        @JsonProperty("undConid") Long undConid) {

    public PositionRow {
        if (conid == null) {
            throw new IllegalArgumentException("conid is missing in position '" + contractDesc + "'");
        }
        if (position == null) {
            throw new IllegalArgumentException("position is missing for conid " + conid);
        }
    }
}
