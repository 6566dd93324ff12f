package com.portfolioorchestrator.adapters.freqtrade;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.portfolioorchestrator.adapters.http.Json;
import java.time.Instant;

/**
 * {@code GET /api/v1/health}. Read from the {@code *_ts} fields, which are epoch <b>seconds</b>; the ISO strings beside
 * them carry the same instants. All three are null before the bot's first loop.
 *
 * @param lastProcess the last bot-loop iteration: the heartbeat
 * @param botStart    the first start ever (from the database)
 * @param botStartup  the start of this process
 */
public record Health(
        @JsonProperty("last_process_ts") @JsonDeserialize(using = Json.EpochSeconds.class) Instant lastProcess,
        @JsonProperty("bot_start_ts") @JsonDeserialize(using = Json.EpochSeconds.class) Instant botStart,
        @JsonProperty("bot_startup_ts") @JsonDeserialize(using = Json.EpochSeconds.class) Instant botStartup) {
}
