package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;

/** Rolling drawdown breaker (playbook 2.2); fractions of peak equity, hours. */
public record DrawdownPolicy(double warn, double warnMultiplier, double breaker, double breakerPauseH,
                             double recoverBelow, double recoverAfterH) {
    public DrawdownPolicy {
        Checks.fraction(warn, "warn");
        Checks.fraction(warnMultiplier, "warn_multiplier");
        Checks.fraction(breaker, "breaker");
        Checks.nonNegative(breakerPauseH, "breaker_pause_h");
        Checks.fraction(recoverBelow, "recover_below");
        Checks.nonNegative(recoverAfterH, "recover_after_h");
    }
}
