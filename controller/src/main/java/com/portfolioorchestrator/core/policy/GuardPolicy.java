package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;
import java.util.List;

/**
 * Execution guards (playbook 3.1-3.2). Spread and slippage limits are per bucket ({@link BucketPolicy}).
 *
 * @param requireQuotes           entries must carry spread_bps and expected_slippage_bps
 * @param retrySizeFactors        size of attempt 2, 3, ... as a fraction of the first approved size (0.90, 0.75)
 */
public record GuardPolicy(boolean requireQuotes, int symbolFailures, int symbolFailureWindowMin, int symbolCooldownMin,
                          List<Double> retrySizeFactors) {
    public GuardPolicy {
        Checks.positive(symbolFailures, "symbol_failures");
        Checks.positive(symbolFailureWindowMin, "symbol_failure_window_min");
        Checks.positive(symbolCooldownMin, "symbol_cooldown_min");
        retrySizeFactors = List.copyOf(retrySizeFactors);
        for (int i = 0; i < retrySizeFactors.size(); i++) {
            Checks.inRange(retrySizeFactors.get(i), 1e-9, 1.0, "retry_size_factors[" + i + "]");
        }
    }
}
