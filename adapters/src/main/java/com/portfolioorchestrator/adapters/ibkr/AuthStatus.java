package com.portfolioorchestrator.adapters.ibkr;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /iserver/auth/status}: the brokerage session. Healthy = authenticated, connected and not competing
 * (another brokerage session of the same username).
 */
public record AuthStatus(
        @JsonProperty("authenticated") Boolean authenticated,
        @JsonProperty("competing") Boolean competing,
        @JsonProperty("connected") Boolean connected,
        @JsonProperty("message") String message,
        @JsonProperty("fail") String fail,
        @JsonProperty("serverInfo") ServerInfo serverInfo) {

    public record ServerInfo(@JsonProperty("serverName") String serverName,
                             @JsonProperty("serverVersion") String serverVersion) {
    }

    public boolean isHealthy() {
        return Boolean.TRUE.equals(authenticated) && Boolean.TRUE.equals(connected) && !Boolean.TRUE.equals(competing);
    }
}
