package com.portfolioorchestrator.core.allocation;

import com.portfolioorchestrator.core.policy.AllocationPolicy;
import com.portfolioorchestrator.core.policy.AssetClass;
import com.portfolioorchestrator.core.policy.BotPolicy;
import com.portfolioorchestrator.core.policy.BucketPolicy;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import java.util.ArrayList;
import java.util.List;

/** The allocation tests' policies: the shared {@link com.portfolioorchestrator.core.TestPolicies} with other buckets. */
final class TestPolicies {
    private TestPolicies() {}

    static final List<BucketPolicy> PLAYBOOK_BUCKETS = List.of(
            new BucketPolicy("hft", List.of("S1", "S2"), 0.40, 90, 8, 10),
            new BucketPolicy("mft", List.of("S3", "S4"), 0.40, 180, 15, 20),
            new BucketPolicy("lft", List.of("S5", "S6"), 0.45, 300, 20, 30),
            new BucketPolicy("event", List.of("S7"), 0.20, 300, 20, 30));

    static RiskPolicy playbook() {
        return withBuckets(PLAYBOOK_BUCKETS, 0.10);
    }

    /** The shared defaults with these buckets, one crypto bot per listed strategy, and this floor. */
    static RiskPolicy withBuckets(List<BucketPolicy> buckets, double minBucketWeight) {
        List<BotPolicy> bots = new ArrayList<>();
        for (BucketPolicy bucket : buckets) {
            for (String id : bucket.strategies()) {
                if (bots.stream().noneMatch(b -> b.id().equals(id))) {
                    bots.add(new BotPolicy(id, AssetClass.CRYPTO, bucket.name(), 0.05, false));
                }
            }
        }
        return com.portfolioorchestrator.core.TestPolicies.builder().bots(bots).buckets(buckets)
                .allocation(new AllocationPolicy(minBucketWeight, 20, 100)).build();
    }
}
