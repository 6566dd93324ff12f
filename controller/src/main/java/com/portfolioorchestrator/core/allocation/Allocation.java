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
 * STAND-IN, replaced by branch math at merge: the signatures of the allocation the engine sizes against, with a
 * minimal {@link #equal} so the engine compiles and tests before the merge.
 */
public record Allocation(Map<String, Double> bucketWeights, Map<String, Double> strategyWeights, Instant computedAt) {
    public Allocation {
        bucketWeights = Collections.unmodifiableMap(new LinkedHashMap<>(bucketWeights));
        strategyWeights = Collections.unmodifiableMap(new LinkedHashMap<>(strategyWeights));
        Checks.notNull(computedAt, "computedAt");
    }

    public double strategyWeight(String strategyId) {
        Double weight = strategyWeights.get(strategyId);
        return weight == null ? 0.0 : weight;
    }

    public double bucketWeight(String bucket) {
        Double weight = bucketWeights.get(bucket);
        return weight == null ? 0.0 : weight;
    }

    /** Equal inverse-vol input: find lambda with sum clip(lambda, floor, cap_b) = 1, equal split, strategy cap. */
    public static Allocation equal(RiskPolicy policy, double strategyCap, Instant at) {
        List<BucketPolicy> buckets = policy.buckets();
        double floor = policy.allocation().minBucketWeight();
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            double sum = 0;
            for (BucketPolicy b : buckets) {
                sum += Math.min(Math.max(mid, floor), b.cap());
            }
            if (sum < 1) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Map<String, Double> bucketWeights = new LinkedHashMap<>();
        Map<String, Double> strategyWeights = new LinkedHashMap<>();
        for (BucketPolicy b : buckets) {
            double w = Math.min(Math.max(hi, floor), b.cap());
            bucketWeights.put(b.name(), w);
            for (String s : b.strategies()) {
                strategyWeights.put(s, Math.min(w / b.strategies().size(), strategyCap));
            }
        }
        return new Allocation(bucketWeights, strategyWeights, at);
    }
}
