package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;
import java.util.List;

/**
 * Correlation-aware throttling (playbook 1.5, PRODUCT.md 5.3). Field names follow the {@code [correlation]} keys.
 */
public record CorrelationPolicy(List<String> alignmentAssets, int alignmentWindowH, int alignmentMinSignals,
                                double alignmentWarn, double alignmentWarnBudgetCut,
                                double alignmentHigh, double alignmentHighBudgetCut,
                                int pnlCorrWindowD, double pnlCorrThreshold, double pnlCorrMultiplier,
                                double combinedMultiplier, int combinedMaxNewPositions, int combinedWindowMin) {
    public CorrelationPolicy {
        alignmentAssets = List.copyOf(alignmentAssets);
        Checks.positive(alignmentWindowH, "alignment_window_h");
        Checks.positive(alignmentMinSignals, "alignment_min_signals");
        Checks.fraction(alignmentWarn, "alignment_warn");
        Checks.fraction(alignmentWarnBudgetCut, "alignment_warn_budget_cut");
        Checks.fraction(alignmentHigh, "alignment_high");
        Checks.fraction(alignmentHighBudgetCut, "alignment_high_budget_cut");
        Checks.positive(pnlCorrWindowD, "pnl_corr_window_d");
        Checks.inRange(pnlCorrThreshold, -1, 1, "pnl_corr_threshold");
        Checks.fraction(pnlCorrMultiplier, "pnl_corr_multiplier");
        Checks.fraction(combinedMultiplier, "combined_multiplier");
        Checks.positive(combinedMaxNewPositions, "combined_max_new_positions");
        Checks.positive(combinedWindowMin, "combined_window_min");
    }
}
