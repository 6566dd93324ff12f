package com.portfolioorchestrator.core.allocation;

import com.portfolioorchestrator.core.Checks;
import com.portfolioorchestrator.core.policy.AllocationPolicy;
import com.portfolioorchestrator.core.policy.BucketPolicy;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import com.portfolioorchestrator.core.stats.Ewma;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an {@link Allocation} from daily return series (playbook 1.2-1.3, PRODUCT.md 5.1): bucket sigma = EWMA
 * volatility of the bucket's daily returns (span {@code vol_ewma_days}), bucket weights by {@link BucketWeights},
 * strategy weights inside a bucket by {@link StrategyWeights}, each strategy capped at the profile's strategy cap.
 *
 * <p>A series that is missing or shorter than 2 returns gives an unknown sigma, replaced by the mean of the known
 * sigmas at the same level (all buckets; the strategies of the same bucket), or an equal weight when none is known:
 * unknown is neither "calm" nor "wild".
 */
public final class AllocationCalculator {
    /**
     * Lowest daily volatility assumed, as a daily fraction: abstractfinance's 8 % annual vol floor (Phase 6) over
     * 365 calendar days, since bot returns come from Freqtrade's calendar-day {@code /daily}. About 0.42 % a day.
     */
    public static final double DAILY_VOL_FLOOR = 0.08 / Math.sqrt(365.0);

    private AllocationCalculator() {}

    /**
     * @param bucketDailyReturns   bucket name to daily returns (fractions), oldest first; keys not in the policy are ignored
     * @param strategyDailyReturns strategy id to daily returns (fractions), oldest first
     * @param strategyClosedTrades strategy id to its closed trades; missing means 0
     * @param disabledBuckets      buckets switched off by risk breakers: weight 0, their share re-solved over the others
     * @param strategyCap          the active profile's strategy cap, a fraction of C
     */
    public static Allocation compute(RiskPolicy policy, Map<String, double[]> bucketDailyReturns,
            Map<String, double[]> strategyDailyReturns, Map<String, Integer> strategyClosedTrades,
            Set<String> disabledBuckets, double strategyCap, Instant at) {
        return compute(policy, bucketDailyReturns, strategyDailyReturns, strategyClosedTrades, disabledBuckets,
                strategyCap, DAILY_VOL_FLOOR, at);
    }

    /** As {@link #compute(RiskPolicy, Map, Map, Map, Set, double, Instant)} with another volatility floor (daily fraction). */
    public static Allocation compute(RiskPolicy policy, Map<String, double[]> bucketDailyReturns,
            Map<String, double[]> strategyDailyReturns, Map<String, Integer> strategyClosedTrades,
            Set<String> disabledBuckets, double strategyCap, double volFloor, Instant at) {
        Checks.notNull(policy, "policy");
        Checks.notNull(bucketDailyReturns, "bucketDailyReturns");
        Checks.notNull(strategyDailyReturns, "strategyDailyReturns");
        Checks.notNull(strategyClosedTrades, "strategyClosedTrades");
        Checks.notNull(disabledBuckets, "disabledBuckets");
        Checks.fraction(strategyCap, "strategyCap");
        Checks.positive(volFloor, "volFloor");
        Checks.notNull(at, "at");
        AllocationPolicy allocation = policy.allocation();
        List<BucketPolicy> buckets = policy.buckets();
        int n = buckets.size();
        double[] sigma = new double[n];
        boolean[] active = new boolean[n];
        double[] cap = new double[n];
        for (int b = 0; b < n; b++) {
            BucketPolicy bucket = buckets.get(b);
            sigma[b] = sigmaOrNaN(bucketDailyReturns.get(bucket.name()), allocation.volEwmaDays(), volFloor,
                    "bucketDailyReturns[" + bucket.name() + "]");
            active[b] = !disabledBuckets.contains(bucket.name());
            cap[b] = bucket.cap();
        }
        fillUnknown(sigma);
        double[] weights = BucketWeights.solve(sigma, active, cap, allocation.minBucketWeight());

        Map<String, Double> bucketWeights = new LinkedHashMap<>();
        Map<String, Double> strategyWeights = new LinkedHashMap<>();
        for (int b = 0; b < n; b++) {
            BucketPolicy bucket = buckets.get(b);
            bucketWeights.put(bucket.name(), weights[b]);
            List<String> ids = bucket.strategies();
            int k = ids.size();
            double[] strategySigma = new double[k];
            int[] trades = new int[k];
            for (int s = 0; s < k; s++) {
                String id = ids.get(s);
                strategySigma[s] = sigmaOrNaN(strategyDailyReturns.get(id), allocation.volEwmaDays(), volFloor,
                        "strategyDailyReturns[" + id + "]");
                Integer closed = strategyClosedTrades.get(id);
                trades[s] = closed == null ? 0 : Checks.nonNegative(closed, "strategyClosedTrades[" + id + "]");
            }
            fillUnknown(strategySigma);
            double[] inBucket = StrategyWeights.withinBucket(strategySigma, trades, allocation.minTradesForVol());
            for (int s = 0; s < k; s++) {
                putStrategy(strategyWeights, ids.get(s), Math.min(weights[b] * inBucket[s], strategyCap));
            }
        }
        return new Allocation(bucketWeights, strategyWeights, at);
    }

    static void putStrategy(Map<String, Double> strategyWeights, String id, double weight) {
        if (strategyWeights.put(id, weight) != null) {
            throw new IllegalArgumentException("strategy " + id + " belongs to more than one bucket");
        }
    }

    private static double sigmaOrNaN(double[] returns, int span, double floor, String name) {
        if (returns == null || returns.length < 2) {
            return Double.NaN;
        }
        try {
            return Ewma.volatility(returns, span, floor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** Replaces NaN by the mean of the known values, or every value by 1 when none is known (equal weights). */
    private static void fillUnknown(double[] sigma) {
        double sum = 0;
        int known = 0;
        for (double s : sigma) {
            if (!Double.isNaN(s)) {
                sum += s;
                known++;
            }
        }
        double fill = known == 0 ? 1.0 : sum / known;
        for (int i = 0; i < sigma.length; i++) {
            if (Double.isNaN(sigma[i])) {
                sigma[i] = fill;
            }
        }
    }
}
