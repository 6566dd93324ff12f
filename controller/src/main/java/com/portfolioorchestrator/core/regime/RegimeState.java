package com.portfolioorchestrator.core.regime;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;

/**
 * Everything a {@link RegimeTracker} remembers, as a plain value the persistence layer saves and restores exactly.
 *
 * @param regime         the regime in force
 * @param since          the start of the hour that entered it ({@link Instant#EPOCH} for the initial NORMAL)
 * @param hoursAboveHigh consecutive hours, ending at {@code lastHour}, with z >= high_z
 * @param hoursBelowExit consecutive hours, ending at {@code lastHour}, below the exit threshold of the current regime
 *                       (extreme_exit_z in EXTREME, high_exit_z in HIGH; always 0 in NORMAL)
 * @param lastHour       start of the last hour fed, {@link Instant#EPOCH} when none
 */
public record RegimeState(VolatilityRegime regime, Instant since, int hoursAboveHigh, int hoursBelowExit,
                          Instant lastHour) {
    public RegimeState {
        Checks.notNull(regime, "regime");
        Checks.notNull(since, "since");
        Checks.nonNegative(hoursAboveHigh, "hoursAboveHigh");
        Checks.nonNegative(hoursBelowExit, "hoursBelowExit");
        Checks.notNull(lastHour, "lastHour");
    }
}
