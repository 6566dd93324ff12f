package com.portfolioorchestrator.adapters.freqtrade;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /api/v1/forceexit} answer ({@code ResultMsg}), e.g. "Created exit orders for all open trades.". */
public record ForceExitResult(@JsonProperty("result") String result) {
    public ForceExitResult {
        if (result == null) {
            throw new IllegalArgumentException("result is missing");
        }
    }
}
