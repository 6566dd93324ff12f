package com.portfolioorchestrator.adapters.freqtrade;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.portfolioorchestrator.adapters.http.Json;
import java.time.Instant;
import java.util.List;

/** {@code GET/POST /api/v1/locks}, {@code DELETE /api/v1/locks/{id}}: lists only locks whose side is "*". */
public record Locks(
        @JsonProperty("lock_count") int lockCount,
        @JsonProperty("locks") List<Lock> locks) {

    public Locks {
        locks = locks == null ? List.of() : List.copyOf(locks);
    }

    /**
     * One pair lock. {@code pair} "*" is a global lock (no entries at all).
     *
     * @param lockEndTimestamp the end, rounded by Freqtrade up to the next candle of the bot's timeframe
     */
    public record Lock(
            @JsonProperty("id") long id,
            @JsonProperty("active") boolean active,
            @JsonProperty("pair") String pair,
            @JsonProperty("side") String side,
            @JsonProperty("reason") String reason,
            @JsonProperty("lock_timestamp") @JsonDeserialize(using = Json.EpochMillis.class) Instant lockTimestamp,
            @JsonProperty("lock_end_timestamp") @JsonDeserialize(using = Json.EpochMillis.class) Instant lockEndTimestamp) {

        public boolean isGlobal() {
            return "*".equals(pair);
        }
    }
}
