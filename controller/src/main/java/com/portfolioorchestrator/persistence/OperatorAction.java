package com.portfolioorchestrator.persistence;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One entry of the append-only operator audit.
 *
 * @param at       when; truncated to milliseconds
 * @param operator who (the operator's name from their token)
 * @param action   what, a stable code such as {@code KILL_SWITCH_ON}
 * @param json     the details as JSON
 */
public record OperatorAction(Instant at, String operator, String action, String json) {
    public OperatorAction {
        at = Checks.notNull(at, "at").truncatedTo(ChronoUnit.MILLIS);
        Checks.notBlank(operator, "operator");
        Checks.notBlank(action, "action");
        Checks.notBlank(json, "json");
    }
}
