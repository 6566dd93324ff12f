package com.portfolioorchestrator.adapters.ibkr;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One item of {@code GET /portfolio/accounts} (the gateway allows 1 call per 5 s: cache it).
 *
 * @param currency       the account's base currency (the ledger's "BASE" row is in it)
 * @param clearingStatus O open, P/N pending, A abandoned, R rejected, C closed
 */
public record Account(
        @JsonProperty("id") String id,
        @JsonProperty("accountId") String accountId,
        @JsonProperty("accountTitle") String accountTitle,
        @JsonProperty("displayName") String displayName,
        @JsonProperty("currency") String currency,
        @JsonProperty("type") String type,
        @JsonProperty("tradingType") String tradingType,
        @JsonProperty("clearingStatus") String clearingStatus) {

    public Account {
        if (accountId == null || accountId.isBlank()) {
            throw new IllegalArgumentException("accountId is missing");
        }
    }
}
