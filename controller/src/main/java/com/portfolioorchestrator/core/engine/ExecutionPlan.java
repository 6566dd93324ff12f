package com.portfolioorchestrator.core.engine;

import com.portfolioorchestrator.core.Checks;
import java.util.List;

/**
 * What the bot must do with an allowed order (playbook 3.1): cancel a limit order after limitTimeoutS, retry at most
 * maxRetries times at the given fractions of the first approved stake. One instance per bucket, shared.
 */
public record ExecutionPlan(int limitTimeoutS, int maxRetries, List<Double> retrySizeFactors) {
    public ExecutionPlan {
        Checks.positive(limitTimeoutS, "limit_timeout_s");
        Checks.nonNegative(maxRetries, "max_retries");
        retrySizeFactors = List.copyOf(retrySizeFactors);
    }
}
