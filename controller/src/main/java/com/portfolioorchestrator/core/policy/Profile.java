package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;

/**
 * A deployment profile (playbook section 4, PRODUCT.md 5.10).
 *
 * @param leverage           gross capacity multiple of equity (2.5 = 2.5x)
 * @param maxOpenTrades      open positions of all bots together
 * @param riskBudget         fraction of equity that may be at risk at stop (0.014 = 1.4 %); the M16 P1 cap by default
 * @param strategyCap        fraction of gross capacity one strategy may hold
 * @param assetCapMultiplier multiplies every asset cap of playbook 1.4
 * @param dailyHardLoss      positive fraction (0.030 for a -3.0 % hard daily loss limit)
 */
public record Profile(ProfileName name, double leverage, int maxOpenTrades, double riskBudget, double strategyCap,
                      double assetCapMultiplier, double dailyHardLoss) {
    public Profile {
        Checks.notNull(name, "name");
        Checks.inRange(leverage, 0.01, 100, "leverage");
        Checks.positive(maxOpenTrades, "max_open_trades");
        Checks.inRange(riskBudget, 0.0, 1.0, "risk_budget");
        Checks.inRange(strategyCap, 0.0, 1.0, "strategy_cap");
        Checks.inRange(assetCapMultiplier, 0.0, 10.0, "asset_cap_multiplier");
        Checks.inRange(dailyHardLoss, 0.0, 1.0, "daily_hard_loss");
    }
}
