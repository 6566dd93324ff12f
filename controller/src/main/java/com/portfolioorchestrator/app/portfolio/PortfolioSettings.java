package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.core.Checks;
import java.time.Duration;

/**
 * The freshness rules of the view ({@code [schedule]} of orchestrator.toml, PRODUCT.md 5.11).
 *
 * @param guardInterval       {@code guard_cycle_s}: /status and /health
 * @param riskInterval        {@code risk_cycle_s}: balance, profit, daily, closed trades, candles, IBKR
 * @param staleAfterIntervals {@code stale_after_intervals}
 * @param heartbeatMaxAge     {@code heartbeat_max_age_s}
 * @param ibkrEnabled         {@code [ibkr] enabled}: whether the view waits for the IBKR account to be complete
 */
public record PortfolioSettings(Duration guardInterval, Duration riskInterval, int staleAfterIntervals,
                                Duration heartbeatMaxAge, boolean ibkrEnabled) {
    public PortfolioSettings {
        positive(guardInterval, "guardInterval");
        positive(riskInterval, "riskInterval");
        Checks.positive(staleAfterIntervals, "staleAfterIntervals");
        positive(heartbeatMaxAge, "heartbeatMaxAge");
    }

    /** A bot with no good guard poll for longer than this is stale. */
    public Duration guardStaleAfter() {
        return guardInterval.multipliedBy(staleAfterIntervals);
    }

    /** Risk-cycle data (balance, IBKR) older than this is stale; a view older than this is stale as a whole. */
    public Duration riskStaleAfter() {
        return riskInterval.multipliedBy(staleAfterIntervals);
    }

    private static void positive(Duration d, String name) {
        Checks.notNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + d);
        }
    }
}
