package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;

/**
 * Volatility regimes from BTC 1 h ATR % as a z-score (playbook 2.4, abstractfinance Phase 7 hysteresis).
 *
 * @param highPersistH consecutive hours at z >= highZ to enter HIGH; also the hours below an exit threshold needed to
 *                     leave a regime (entering a worse regime is immediate)
 */
public record VolatilityPolicy(String sourceBot, String pair, String timeframe, int atrPeriod, int zscoreWindowD,
                               double highZ, int highPersistH, double highExitZ, double extremeZ, double extremeExitZ,
                               RegimeAdjustment high, RegimeAdjustment extreme) {
    public VolatilityPolicy {
        Checks.notBlank(sourceBot, "source_bot");
        Checks.notBlank(pair, "pair");
        Checks.notBlank(timeframe, "timeframe");
        Checks.positive(atrPeriod, "atr_period");
        Checks.positive(zscoreWindowD, "zscore_window_d");
        Checks.finite(highZ, "high_z");
        Checks.positive(highPersistH, "high_persist_h");
        Checks.finite(highExitZ, "high_exit_z");
        Checks.finite(extremeZ, "extreme_z");
        Checks.finite(extremeExitZ, "extreme_exit_z");
        Checks.notNull(high, "high");
        Checks.notNull(extreme, "extreme");
    }
}
