package com.portfolioorchestrator.adapters.freqtrade;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /api/v1/ping} (public): {@code {"status":"pong"}}. */
public record Ping(@JsonProperty("status") String status) {
    public boolean isPong() {
        return "pong".equals(status);
    }
}
