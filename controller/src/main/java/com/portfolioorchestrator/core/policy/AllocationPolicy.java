package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;

/**
 * Bucket and strategy weights (playbook 1.2-1.3).
 *
 * @param minBucketWeight floor of an active bucket's weight (0.10)
 * @param volEwmaDays     span of the EWMA of daily returns, in days (20)
 * @param minTradesForVol closed trades a strategy needs before its own volatility counts; below, equal split (100)
 */
public record AllocationPolicy(double minBucketWeight, int volEwmaDays, int minTradesForVol) {
    public AllocationPolicy {
        Checks.fraction(minBucketWeight, "min_bucket_weight");
        Checks.positive(volEwmaDays, "vol_ewma_days");
        Checks.nonNegative(minTradesForVol, "min_trades_for_vol");
    }
}
