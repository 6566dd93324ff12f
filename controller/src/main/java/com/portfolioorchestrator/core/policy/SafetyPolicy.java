package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;

/**
 * RiskOverlord limits (FLOF spec 11, PRODUCT.md 5.11, 5.13).
 *
 * @param fatFingerMaxOrder  largest order notional as a fraction of equity; above it the order is denied, not scaled
 * @param maxDailyTurnover   entry notional per UTC day as a fraction of equity
 * @param minSizeMultiplier  floor of the combined size multiplier
 */
public record SafetyPolicy(double fatFingerMaxOrder, double maxDailyTurnover, double minSizeMultiplier) {
    public SafetyPolicy {
        Checks.inRange(fatFingerMaxOrder, 1e-9, 100, "fat_finger_max_order");
        Checks.inRange(maxDailyTurnover, 1e-9, 1000, "max_daily_turnover");
        Checks.fraction(minSizeMultiplier, "min_size_multiplier");
    }
}
