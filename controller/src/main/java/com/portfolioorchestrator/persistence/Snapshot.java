package com.portfolioorchestrator.persistence;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One stored snapshot.
 *
 * @param kind which series
 * @param at   the instant it describes; truncated to milliseconds
 * @param json the app layer's JSON of it
 */
public record Snapshot(SnapshotKind kind, Instant at, String json) {
    public Snapshot {
        Checks.notNull(kind, "kind");
        at = Checks.notNull(at, "at").truncatedTo(ChronoUnit.MILLIS);
        Checks.notBlank(json, "json");
    }
}
