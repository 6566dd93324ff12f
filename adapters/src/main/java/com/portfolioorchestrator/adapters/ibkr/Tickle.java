package com.portfolioorchestrator.adapters.ibkr;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code POST /tickle}: the keep-alive (the caller schedules it about every 60 s; sessions die after ~6 idle minutes).
 *
 * @param ssoExpiresMillis milliseconds until the SSO session expires
 */
public record Tickle(
        @JsonProperty("session") String session,
        @JsonProperty("ssoExpires") Long ssoExpiresMillis,
        @JsonProperty("collission") Boolean collision,
        @JsonProperty("userId") Long userId,
        @JsonProperty("iserver") Iserver iserver) {

    public Tickle {
        if (session == null || session.isBlank()) {
            throw new IllegalArgumentException("session is missing");
        }
    }

    /** The {@code iserver} block. */
    public record Iserver(@JsonProperty("authStatus") AuthStatus authStatus) {
    }

    public Optional<AuthStatus> authStatus() {
        return Optional.ofNullable(iserver).map(Iserver::authStatus);
    }

    public Optional<Duration> ssoExpiresIn() {
        return Optional.ofNullable(ssoExpiresMillis).map(Duration::ofMillis);
    }
}
