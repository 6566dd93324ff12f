package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;

/**
 * Daily loss limits (playbook 2.1). The hard limit comes from the profile (or M16's {@code global_daily_loss_limit}).
 *
 * @param soft        positive fraction of start-of-day equity (0.02 for -2 %)
 * @param softFreezeH hours without new entries after the soft limit is hit
 */
public record DailyLossPolicy(double soft, double softFreezeH) {
    public DailyLossPolicy {
        Checks.fraction(soft, "soft");
        Checks.inRange(softFreezeH, 0, 24, "soft_freeze_h");
    }
}
