package com.portfolioorchestrator.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * A market regime for a while: volatility times {@code volatilityFactor}, a drift of the crypto factor and, for a
 * cross-asset shock, a drift of the index futures of their own. Scripted events make the demo show a volatility burst
 * (and the losses and breaker trips it causes) at a known simulated time; random bursts use the same type.
 *
 * @param start             first instant of the event
 * @param length            how long it lasts
 * @param volatilityFactor  multiplier of every crypto instrument's volatility and spread (index futures get its square root)
 * @param driftPerHour      log-return drift per hour applied to the crypto factor, scaled per instrument by its
 *                          volatility relative to the first crypto instrument (-0.03 = BTC falls about 3 % an hour);
 *                          index futures take 0.3 of it
 * @param indexDriftPerHour log-return drift per hour of the index futures on top of their share of
 *                          {@code driftPerHour}, scaled per future by its volatility relative to the first index future
 *                          (-0.12 for 15 minutes = ES falls about 3 %, NQ about 3.8 %); 0 for most events
 */
public record MarketEvent(Instant start, Duration length, double volatilityFactor, double driftPerHour,
                          double indexDriftPerHour) {
    public MarketEvent {
        if (start == null || length == null) {
            throw new IllegalArgumentException("start and length must not be null");
        }
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("length must be > 0, was " + length);
        }
        if (!(volatilityFactor >= 1) || Double.isInfinite(volatilityFactor)) {
            throw new IllegalArgumentException("volatilityFactor must be >= 1 and finite, was " + volatilityFactor);
        }
        if (!Double.isFinite(driftPerHour) || Math.abs(driftPerHour) > 0.5) {
            throw new IllegalArgumentException("driftPerHour must be finite and within +-0.5, was " + driftPerHour);
        }
        if (!Double.isFinite(indexDriftPerHour) || Math.abs(indexDriftPerHour) > 0.5) {
            throw new IllegalArgumentException("indexDriftPerHour must be finite and within +-0.5, was "
                    + indexDriftPerHour);
        }
    }

    /** An event without a drift of the index futures of their own. */
    public MarketEvent(Instant start, Duration length, double volatilityFactor, double driftPerHour) {
        this(start, length, volatilityFactor, driftPerHour, 0.0);
    }

    public Instant end() {
        return start.plus(length);
    }

    public boolean isActiveAt(long epochMillis) {
        return epochMillis >= start.toEpochMilli() && epochMillis < end().toEpochMilli();
    }
}
