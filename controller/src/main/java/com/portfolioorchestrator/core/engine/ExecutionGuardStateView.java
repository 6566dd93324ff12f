package com.portfolioorchestrator.core.engine;

import java.util.List;
import java.util.Map;

/**
 * {@code execution_guard_state} of {@code GET /api/v1/state}: per bucket the plan and limits in force (slippage
 * tightened by the regime), symbol cooldowns and pending failures, allowed entries per bot in the last hour, today's
 * turnover (base currency).
 */
public record ExecutionGuardStateView(Map<String, ExecutionPlan> plans, Map<String, Double> maxSpreadBps,
                                      Map<String, Double> maxSlippageBps, List<EngineState.SymbolGuardState> symbols,
                                      Map<String, Integer> entriesLastHour, double turnoverToday,
                                      double maxTurnover) {
    public ExecutionGuardStateView {
        plans = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(plans));
        maxSpreadBps = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(maxSpreadBps));
        maxSlippageBps = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(maxSlippageBps));
        symbols = List.copyOf(symbols);
        entriesLastHour = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(entriesLastHour));
    }
}
