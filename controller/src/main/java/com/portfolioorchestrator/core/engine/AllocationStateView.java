package com.portfolioorchestrator.core.engine;

import com.portfolioorchestrator.core.ledger.LedgerTotals;
import java.util.Map;

/**
 * {@code allocation_state} of {@code GET /api/v1/state}: the exposure bases and how much of each budget is used.
 * Amounts in the base currency; weights and budgets as fractions.
 *
 * @param grossCapacity       C = equity x profile leverage x regime leverage factor
 * @param strategyWeights     per strategy, the weight in force (allocation, clipped at the profile's strategy cap)
 * @param riskBudget          the P1 cap in force, after the correlation-throttle budget cut, fraction of equity
 * @param budgetCut           the correlation-throttle cut in force (0, 0.25 or 0.45)
 * @param alignment           signal alignment A over the window, 0 with fewer than alignment_min_signals requests
 * @param meanStrategyCorrelation last fed mean pairwise correlation, 0 when unknown
 */
public record AllocationStateView(double equity, double grossCapacity, double profileLeverage,
                                  double regimeLeverageFactor, Map<String, Double> bucketWeights,
                                  Map<String, Double> strategyWeights, long allocationComputedAtMs,
                                  boolean allocationKnown, double riskBudget, double budgetCut, double alignment,
                                  int alignmentSignals, boolean correlationKnown, double meanStrategyCorrelation,
                                  LedgerTotals exposure) {
    public AllocationStateView {
        bucketWeights = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(bucketWeights));
        strategyWeights = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(strategyWeights));
    }
}
