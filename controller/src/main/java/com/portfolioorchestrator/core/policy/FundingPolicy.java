package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;

/**
 * Funding-fee hook (playbook 3.3); rates are fractions over the holding horizon (0.0004 = 0.04 %).
 *
 * @param minEdge an entry with |funding| above denyThreshold is denied when its edge score is below this
 */
public record FundingPolicy(double scaleThreshold, double scaleMultiplier, double denyThreshold, double minEdge) {
    public FundingPolicy {
        Checks.nonNegative(scaleThreshold, "scale_threshold");
        Checks.fraction(scaleMultiplier, "scale_multiplier");
        Checks.nonNegative(denyThreshold, "deny_threshold");
        Checks.finite(minEdge, "min_edge");
    }
}
