package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;

/** One tier of the consecutive-loss cooldown (playbook 2.3): after {@code losses} losses, pause entries. */
public record LossStreakTier(int losses, int cooldownMin, boolean downgradeProfile) {
    public LossStreakTier {
        Checks.positive(losses, "losses");
        Checks.positive(cooldownMin, "cooldown_min");
    }
}
