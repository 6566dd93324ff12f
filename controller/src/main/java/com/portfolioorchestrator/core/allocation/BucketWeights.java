package com.portfolioorchestrator.core.allocation;

import java.util.Arrays;

/**
 * Inverse-volatility bucket weights with per-bucket caps and a common floor, solved exactly (playbook 1.2,
 * PRODUCT.md 5.1).
 *
 * <p>The weight of active bucket b is {@code clip(lambda / sigma_b, floor, cap_b)} with the one lambda that makes the
 * weights sum to 1. The sum is a continuous, non-decreasing, piecewise-linear function of lambda whose kinks are at
 * {@code floor * sigma_b} and {@code cap_b * sigma_b}; the solver finds the segment that crosses 1 and solves the
 * linear equation there, so there is no iteration and no tolerance. Proportional renormalisation after clipping (the
 * usual shortcut) is not used: it can push a bucket back over its cap. Re-solving over the active set is what "a
 * disabled bucket's weight goes pro rata to the others within their caps" means.
 */
public final class BucketWeights {
    private BucketWeights() {}

    /**
     * @param sigma  volatility of each bucket, finite and > 0 (any unit, only ratios matter)
     * @param active false for a disabled bucket: weight 0
     * @param cap    highest weight of each bucket, in [0, 1]; an active bucket's cap must be >= floor
     * @param floor  lowest weight of every active bucket, in [0, 1]
     * @return weights in input order, fractions of gross capacity; they sum to 1 unless the active caps sum to less
     *     than 1, in which case every active bucket gets its cap and the rest stays unallocated. All 0 when no bucket
     *     is active.
     * @throws IllegalArgumentException on bad input, or when the floors of the active buckets exceed 1
     */
    public static double[] solve(double[] sigma, boolean[] active, double[] cap, double floor) {
        double lambda = lambda(sigma, active, cap, floor);
        double[] weights = new double[sigma.length];
        if (Double.isNaN(lambda)) {
            return weights;
        }
        for (int b = 0; b < sigma.length; b++) {
            weights[b] = active[b] ? clip(lambda / sigma[b], floor, cap[b]) : 0.0;
        }
        return weights;
    }

    /**
     * The lambda of {@link #solve}: {@code sum over active b of clip(lambda / sigma_b, floor, cap_b) = 1}.
     *
     * @return the solution; 0 when the floors place exactly 1; positive infinity when the active caps sum to at most 1
     *     (every active bucket at its cap); NaN when no bucket is active
     */
    public static double lambda(double[] sigma, boolean[] active, double[] cap, double floor) {
        int activeCount = validate(sigma, active, cap, floor);
        if (activeCount == 0) {
            return Double.NaN;
        }
        double floors = activeCount * floor;
        if (floors > 1.0 + 1e-12) {
            throw new IllegalArgumentException("floor " + floor + " x " + activeCount + " active buckets = " + floors
                    + " exceeds 1: min_bucket_weight is too high for the number of active buckets");
        }
        if (floors >= 1.0) {
            return 0.0;
        }
        double caps = 0;
        for (int b = 0; b < sigma.length; b++) {
            if (active[b]) {
                caps += cap[b];
            }
        }
        if (caps <= 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double[] kinks = new double[2 * activeCount];
        int k = 0;
        for (int b = 0; b < sigma.length; b++) {
            if (active[b]) {
                kinks[k++] = floor * sigma[b];
                kinks[k++] = cap[b] * sigma[b];
            }
        }
        Arrays.sort(kinks);
        // f(kinks[0]) = floors < 1 and f(kinks[last]) = caps > 1: find the first kink where f reaches 1.
        int upper = 1;
        while (upper < kinks.length - 1 && sum(kinks[upper], sigma, active, cap, floor) < 1.0) {
            upper++;
        }
        double mid = 0.5 * (kinks[upper - 1] + kinks[upper]);
        // On this segment each bucket is pinned at floor, pinned at cap, or free (lambda / sigma_b): f = fixed + lambda * slope.
        double fixed = 0;
        double slope = 0;
        for (int b = 0; b < sigma.length; b++) {
            if (!active[b]) {
                continue;
            }
            if (mid <= floor * sigma[b]) {
                fixed += floor;
            } else if (mid >= cap[b] * sigma[b]) {
                fixed += cap[b];
            } else {
                slope += 1.0 / sigma[b];
            }
        }
        return (1.0 - fixed) / slope;
    }

    private static double sum(double lambda, double[] sigma, boolean[] active, double[] cap, double floor) {
        double total = 0;
        for (int b = 0; b < sigma.length; b++) {
            if (active[b]) {
                total += clip(lambda / sigma[b], floor, cap[b]);
            }
        }
        return total;
    }

    private static double clip(double value, double low, double high) {
        return value < low ? low : Math.min(value, high);
    }

    private static int validate(double[] sigma, boolean[] active, double[] cap, double floor) {
        if (sigma == null || active == null || cap == null) {
            throw new IllegalArgumentException("sigma, active and cap must not be null");
        }
        if (sigma.length != active.length || sigma.length != cap.length) {
            throw new IllegalArgumentException("sigma, active and cap must have the same length, were "
                    + sigma.length + ", " + active.length + " and " + cap.length);
        }
        if (!(floor >= 0 && floor <= 1)) {
            throw new IllegalArgumentException("floor must be in [0, 1], was " + floor);
        }
        int activeCount = 0;
        for (int b = 0; b < sigma.length; b++) {
            if (!(Double.isFinite(sigma[b]) && sigma[b] > 0)) {
                throw new IllegalArgumentException("sigma[" + b + "] must be a finite number > 0, was " + sigma[b]);
            }
            if (!(cap[b] >= 0 && cap[b] <= 1)) {
                throw new IllegalArgumentException("cap[" + b + "] must be in [0, 1], was " + cap[b]);
            }
            if (active[b]) {
                if (cap[b] < floor) {
                    throw new IllegalArgumentException("cap[" + b + "] " + cap[b] + " is below the floor " + floor);
                }
                activeCount++;
            }
        }
        return activeCount;
    }
}
