package com.portfolioorchestrator.core.engine;

import com.portfolioorchestrator.core.Checks;

/**
 * The named size multipliers of a decision (PRODUCT.md 5.13), each in (0, 1], in response order. They combine by
 * product, floored at min_size_multiplier: a rule that wants less than the floor must deny instead.
 *
 * @param drawdown    warn_multiplier (0.5) while the drawdown is at or above warn, or recovering from the breaker
 * @param correlation pnl_corr_multiplier (0.80) when mean strategy correlation >= threshold; combined_multiplier (0.60)
 *                    when alignment is also >= alignment_high
 * @param volatility  the regime's leverage factor (0.70 HIGH, 0.50 EXTREME): the per-order half of "reduce leverage"
 * @param funding     scale_multiplier (0.75) when projected funding works against the side beyond scale_threshold
 */
public record Multipliers(double drawdown, double correlation, double volatility, double funding) {
    public static final Multipliers NONE = new Multipliers(1, 1, 1, 1);

    public Multipliers {
        Checks.inRange(drawdown, 0, 1, "drawdown");
        Checks.inRange(correlation, 0, 1, "correlation");
        Checks.inRange(volatility, 0, 1, "volatility");
        Checks.inRange(funding, 0, 1, "funding");
    }

    public double product() {
        return drawdown * correlation * volatility * funding;
    }

    /** The product, never below the floor. */
    public double combined(double floor) {
        return Math.max(product(), floor);
    }
}
