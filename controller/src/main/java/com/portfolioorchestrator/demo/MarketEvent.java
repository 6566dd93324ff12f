package com.portfolioorchestrator.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * A market regime for a while: volatility times {@code volatilityFactor} and a drift of the crypto factor.
 * Scripted events make the demo show a volatility burst (and the losses and breaker trips it causes) at a known
 * simulated time; random bursts use the same type.
 *
 * @param start             first instant of the event
 * @param length            how long it lasts
 * @param volatilityFactor  multiplier of every crypto instrument's volatility and spread (index futures get its square root)
 * @param driftPerHour      log-return drift per hour applied to the crypto factor, scaled per instrument by its
 *                          volatility relative to the first crypto instrument (-0.03 = BTC falls about 3 % an hour)
 */
public record MarketEvent(Instant start, Duration length, double volatilityFactor, double driftPerHour) {
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
    }

    public Instant end() {
        return start.plus(length);
    }

    public boolean isActiveAt(long epochMillis) {
        return epochMillis >= start.toEpochMilli() && epochMillis < end().toEpochMilli();
    }
}
