package com.portfolioorchestrator.adapters.ibkr;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code GET /iserver/contract/{conid}/info} (snake_case keys; needs a brokerage session).
 *
 * @param multiplier sent as a string ("50") or null; read as a number
 */
public record ContractInfo(
        @JsonProperty("con_id") Long conid,
        @JsonProperty("symbol") String symbol,
        @JsonProperty("instrument_type") String instrumentType,
        @JsonProperty("currency") String currency,
        @JsonProperty("multiplier") Double multiplier,
        @JsonProperty("exchange") String exchange,
        @JsonProperty("local_symbol") String localSymbol,
        @JsonProperty("company_name") String companyName,
        @JsonProperty("maturity_date") String maturityDate) {
}
