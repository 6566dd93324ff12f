package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;
import java.util.List;

/**
 * A strategy bucket (playbook 1.1-1.2, 3.1-3.2).
 *
 * @param cap            highest weight of the bucket, a fraction of gross capacity
 * @param limitTimeoutS  entry limit-order timeout in seconds (90/180/300 by cadence)
 * @param maxSpreadBps   spread guard in basis points
 * @param maxSlippageBps expected-slippage guard in basis points (tightened by the high-volatility regime)
 */
public record BucketPolicy(String name, List<String> strategies, double cap, int limitTimeoutS,
                           double maxSpreadBps, double maxSlippageBps) {
    public BucketPolicy {
        Checks.notBlank(name, "name");
        strategies = List.copyOf(strategies);
        Checks.fraction(cap, "cap");
        Checks.positive(limitTimeoutS, "limit_timeout_s");
        Checks.nonNegative(maxSpreadBps, "max_spread_bps");
        Checks.nonNegative(maxSlippageBps, "max_slippage_bps");
    }
}
