package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;
import java.util.List;

/**
 * What a volatility regime does (playbook 2.4): factors applied to leverage, max open trades and slippage limits,
 * and the strategies that may not enter (unless their bot's override flag is set).
 */
public record RegimeAdjustment(double leverage, double maxOpenTrades, double slippage, List<String> blockedStrategies) {
    public static final RegimeAdjustment NONE = new RegimeAdjustment(1, 1, 1, List.of());

    public RegimeAdjustment {
        Checks.fraction(leverage, "leverage");
        Checks.fraction(maxOpenTrades, "max_open_trades");
        Checks.fraction(slippage, "slippage");
        blockedStrategies = List.copyOf(blockedStrategies);
    }
}
