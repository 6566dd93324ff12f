package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;
import java.util.Comparator;
import java.util.List;

/**
 * Consecutive-loss cooldowns over the closed trades of all bots (playbook 2.3, M16 P4).
 *
 * @param tiers             ordered by {@code losses}, ascending
 * @param resetAfterWins    wins in a row that reset the streak (2)
 * @param breakevenEpsilon  |profit ratio| below this is break-even and counts as neither (0.0005)
 */
public record LossStreakPolicy(List<LossStreakTier> tiers, int resetAfterWins, double breakevenEpsilon) {
    public LossStreakPolicy {
        tiers = tiers.stream().sorted(Comparator.comparingInt(LossStreakTier::losses)).toList();
        Checks.positive(resetAfterWins, "reset_after_wins");
        Checks.fraction(breakevenEpsilon, "breakeven_epsilon");
    }
}
