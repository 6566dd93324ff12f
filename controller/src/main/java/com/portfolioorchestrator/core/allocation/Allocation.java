package com.portfolioorchestrator.core.allocation;

import com.portfolioorchestrator.core.Checks;
import com.portfolioorchestrator.core.policy.BucketPolicy;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The allocation the decision engine sizes against (playbook 1.2-1.3, PRODUCT.md 5.1): weights as fractions of gross
 * capacity C. A strategy's notional budget is {@code C x strategyWeight(id)}.
 *
 * @param bucketWeights   bucket name to weight, in policy order; a disabled bucket has 0; the weights sum to 1 or
 *                        less (what caps cannot place stays unallocated)
 * @param strategyWeights strategy id to its final weight {@code min(bucketWeight x inBucketWeight, strategyCap)}, in
 *                        policy order
 * @param computedAt      when the allocation was computed
 */
public record Allocation(Map<String, Double> bucketWeights, Map<String, Double> strategyWeights, Instant computedAt) {
    public Allocation {
        bucketWeights = copyOfWeights(bucketWeights, "bucketWeights");
        strategyWeights = copyOfWeights(strategyWeights, "strategyWeights");
        Checks.notNull(computedAt, "computedAt");
    }

    /** The strategy's notional budget as a fraction of C; 0 for an unknown strategy. */
    public double strategyWeight(String strategyId) {
        Double weight = strategyWeights.get(strategyId);
        return weight == null ? 0.0 : weight;
    }

    /** The bucket's weight as a fraction of C; 0 for an unknown bucket. */
    public double bucketWeight(String bucket) {
        Double weight = bucketWeights.get(bucket);
        return weight == null ? 0.0 : weight;
    }

    /** The share of C that no bucket holds because caps could not place it (0 in the usual case). */
    public double unallocated() {
        double sum = 0;
        for (double w : bucketWeights.values()) {
            sum += w;
        }
        return Math.max(0.0, 1.0 - sum);
    }

    /**
     * The allocation before any return data: every bucket gets the same inverse-vol input (equal weights, then caps
     * and the floor applied exactly), an equal split inside each bucket, each strategy capped at {@code strategyCap}.
     *
     * @param strategyCap the active profile's strategy cap, a fraction of C
     */
    public static Allocation equal(RiskPolicy policy, double strategyCap, Instant at) {
        Checks.notNull(policy, "policy");
        Checks.fraction(strategyCap, "strategyCap");
        List<BucketPolicy> buckets = policy.buckets();
        int n = buckets.size();
        double[] sigma = new double[n];
        boolean[] active = new boolean[n];
        double[] cap = new double[n];
        for (int b = 0; b < n; b++) {
            sigma[b] = 1.0;
            active[b] = true;
            cap[b] = buckets.get(b).cap();
        }
        double[] weights = BucketWeights.solve(sigma, active, cap, policy.allocation().minBucketWeight());
        Map<String, Double> bucketWeights = new LinkedHashMap<>();
        Map<String, Double> strategyWeights = new LinkedHashMap<>();
        for (int b = 0; b < n; b++) {
            BucketPolicy bucket = buckets.get(b);
            bucketWeights.put(bucket.name(), weights[b]);
            int k = bucket.strategies().size();
            for (String strategy : bucket.strategies()) {
                AllocationCalculator.putStrategy(strategyWeights, strategy, Math.min(weights[b] / k, strategyCap));
            }
        }
        return new Allocation(bucketWeights, strategyWeights, at);
    }

    private static Map<String, Double> copyOfWeights(Map<String, Double> weights, String field) {
        Checks.notNull(weights, field);
        Map<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            Checks.notBlank(e.getKey(), field + " key");
            Checks.notNull(e.getValue(), field + "[" + e.getKey() + "]");
            Checks.fraction(e.getValue(), field + "[" + e.getKey() + "]");
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }
}
