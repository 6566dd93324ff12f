package com.portfolioorchestrator.persistence;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One answered decision, as the audit log stores it: the request body as received and the response body as sent,
 * whose {@code checks} array is the decision's checks (the table's {@code checks_json} column is generated from it).
 * SQLite rejects a request text that is not JSON ({@code json_valid}); the response is this service's own
 * serialisation and is not re-parsed on insert.
 *
 * @param decisionId     {@code decision_id} of the response, unique
 * @param requestId      the bot's idempotency key; unique per bot
 * @param botId          e.g. {@code S1}
 * @param receivedAt     when the request was received; truncated to milliseconds, the stored precision
 * @param allowed        whether the entry was allowed
 * @param denyCode       the stable deny code ({@code denied_by}); present exactly when {@code allowed} is false
 * @param requestJson    the request body as JSON
 * @param responseJson   the response body as JSON
 * @param latencyMicros  {@code evaluated_in_us}: the engine call alone, in microseconds, finite and {@code >= 0}
 */
public record DecisionRecord(String decisionId, String requestId, String botId, Instant receivedAt, boolean allowed,
                             Optional<String> denyCode, String requestJson, String responseJson, double latencyMicros) {
    public DecisionRecord {
        Checks.notBlank(decisionId, "decision_id");
        Checks.notBlank(requestId, "request_id");
        Checks.notBlank(botId, "bot_id");
        receivedAt = Checks.notNull(receivedAt, "received_at").truncatedTo(ChronoUnit.MILLIS);
        Checks.notNull(denyCode, "deny_code");
        if (allowed && denyCode.isPresent()) {
            throw new IllegalArgumentException("deny_code must be empty when allowed, was '" + denyCode.get() + "'");
        }
        if (!allowed) {
            Checks.notBlank(denyCode.orElseThrow(
                    () -> new IllegalArgumentException("deny_code must be present when denied, was empty")), "deny_code");
        }
        Checks.notBlank(requestJson, "request_json");
        Checks.notBlank(responseJson, "response_json");
        Checks.nonNegative(latencyMicros, "latency_us");
    }

    /** An allowed decision. */
    public static DecisionRecord allowed(String decisionId, String requestId, String botId, Instant receivedAt,
                                         String requestJson, String responseJson, double latencyMicros) {
        return new DecisionRecord(decisionId, requestId, botId, receivedAt, true, Optional.empty(),
                requestJson, responseJson, latencyMicros);
    }

    /** A denied decision with its stable code. */
    public static DecisionRecord denied(String decisionId, String requestId, String botId, Instant receivedAt,
                                        String denyCode, String requestJson, String responseJson, double latencyMicros) {
        return new DecisionRecord(decisionId, requestId, botId, receivedAt, false, Optional.of(denyCode),
                requestJson, responseJson, latencyMicros);
    }
}
