package com.portfolioorchestrator.core.regime;

import com.portfolioorchestrator.core.Checks;
import com.portfolioorchestrator.core.policy.RegimeAdjustment;
import com.portfolioorchestrator.core.policy.VolatilityPolicy;
import java.time.Duration;
import java.time.Instant;

/**
 * The volatility regime state machine over hourly z-scores of BTC 1 h ATR % (playbook 2.4, PRODUCT.md 5.8), with the
 * hysteresis of abstractfinance Phase 7: entering a worse regime is fast, leaving one needs a lower threshold held for
 * a number of hours, so one calm hour in a storm does not flip the regime back and forth.
 *
 * <ul>
 *   <li>EXTREME at once when z >= extreme_z (2.2), from any regime.</li>
 *   <li>NORMAL to HIGH when z >= high_z (1.5) for high_persist_h (3) consecutive hours.</li>
 *   <li>EXTREME is left after z < extreme_exit_z (1.8) for high_persist_h consecutive hours: to HIGH when that
 *       hour's z >= high_exit_z (1.0), else straight to NORMAL.</li>
 *   <li>HIGH is left to NORMAL after z < high_exit_z for high_persist_h consecutive hours.</li>
 *   <li>A missing hour resets both counters (a gap is not evidence of persistence); a NaN or infinite z is ignored,
 *       so it too leaves a gap; the same or an older hour is ignored (polls repeat the last candle).</li>
 * </ul>
 * Mutable and not thread-safe: one writer (the risk cycle). {@link #state()} and the constructor round-trip exactly.
 */
public final class RegimeTracker {
    private static final Duration HOUR = Duration.ofHours(1);

    private final VolatilityPolicy policy;
    private VolatilityRegime regime;
    private Instant since;
    private int hoursAboveHigh;
    private int hoursBelowExit;
    private Instant lastHour;

    public RegimeTracker(VolatilityPolicy policy, RegimeState initial) {
        this.policy = Checks.notNull(policy, "policy");
        Checks.notNull(initial, "initial");
        if (policy.highExitZ() > policy.highZ()) {
            throw new IllegalArgumentException("high_exit_z " + policy.highExitZ() + " must be <= high_z " + policy.highZ());
        }
        if (policy.extremeExitZ() > policy.extremeZ()) {
            throw new IllegalArgumentException("extreme_exit_z " + policy.extremeExitZ() + " must be <= extreme_z "
                    + policy.extremeZ());
        }
        if (policy.highZ() > policy.extremeZ()) {
            throw new IllegalArgumentException("high_z " + policy.highZ() + " must be <= extreme_z " + policy.extremeZ());
        }
        regime = initial.regime();
        since = initial.since();
        hoursAboveHigh = initial.hoursAboveHigh();
        hoursBelowExit = initial.hoursBelowExit();
        lastHour = initial.lastHour();
    }

    /** NORMAL since {@link Instant#EPOCH}, no hour seen. */
    public static RegimeState initialState() {
        return new RegimeState(VolatilityRegime.NORMAL, Instant.EPOCH, 0, 0, Instant.EPOCH);
    }

    /**
     * Feeds the z-score of one hour.
     *
     * @param hourStart the start of the hour (a whole UTC hour after the epoch)
     * @param z         the hour's volatility z-score; NaN or infinite: ignored
     * @return the regime after this hour
     * @throws IllegalArgumentException when hourStart is not a whole hour after the epoch
     */
    public VolatilityRegime onHourlyZ(Instant hourStart, double z) {
        Checks.notNull(hourStart, "hourStart");
        if (!hourStart.isAfter(Instant.EPOCH) || hourStart.getNano() != 0 || hourStart.getEpochSecond() % 3600 != 0) {
            throw new IllegalArgumentException("hourStart must be the start of a UTC hour after the epoch, was " + hourStart);
        }
        if (!Double.isFinite(z)) {
            return regime;
        }
        boolean first = lastHour.equals(Instant.EPOCH);
        if (!first && !hourStart.isAfter(lastHour)) {
            return regime;
        }
        if (!first && hourStart.isAfter(lastHour.plus(HOUR))) {
            hoursAboveHigh = 0;
            hoursBelowExit = 0;
        }
        lastHour = hourStart;
        hoursAboveHigh = z >= policy.highZ() ? hoursAboveHigh + 1 : 0;
        int persist = policy.highPersistH();
        if (z >= policy.extremeZ()) {
            enter(VolatilityRegime.EXTREME, hourStart);
        } else if (regime == VolatilityRegime.EXTREME) {
            hoursBelowExit = z < policy.extremeExitZ() ? hoursBelowExit + 1 : 0;
            if (hoursBelowExit >= persist) {
                enter(z >= policy.highExitZ() ? VolatilityRegime.HIGH : VolatilityRegime.NORMAL, hourStart);
            }
        } else if (regime == VolatilityRegime.HIGH) {
            hoursBelowExit = z < policy.highExitZ() ? hoursBelowExit + 1 : 0;
            if (hoursBelowExit >= persist) {
                enter(VolatilityRegime.NORMAL, hourStart);
            }
        } else if (hoursAboveHigh >= persist) {
            enter(VolatilityRegime.HIGH, hourStart);
        }
        return regime;
    }

    private void enter(VolatilityRegime next, Instant hourStart) {
        if (next != regime) {
            regime = next;
            since = hourStart;
        }
        hoursBelowExit = 0;
    }

    public VolatilityRegime regime() {
        return regime;
    }

    /** A snapshot to persist; {@code new RegimeTracker(policy, state())} continues identically. */
    public RegimeState state() {
        return new RegimeState(regime, since, hoursAboveHigh, hoursBelowExit, lastHour);
    }

    /** What the regime does to leverage, max open trades, slippage limits and entries: NONE, policy high or extreme. */
    public RegimeAdjustment adjustment() {
        return switch (regime) {
            case NORMAL -> RegimeAdjustment.NONE;
            case HIGH -> policy.high();
            case EXTREME -> policy.extreme();
        };
    }
}
