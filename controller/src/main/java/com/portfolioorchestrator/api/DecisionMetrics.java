package com.portfolioorchestrator.api;

import com.portfolioorchestrator.core.engine.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Decision metrics in Prometheus conventions (base units, {@code orchestrator_} prefix): decisions by outcome and deny
 * code, and the engine's evaluation time as a histogram in seconds.
 */
public final class DecisionMetrics {
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final DistributionSummary latency;

    public DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = DistributionSummary.builder("orchestrator_decision_evaluation_seconds")
                .description("Time the decision engine took for one decision (engine call only)")
                .baseUnit("seconds")
                .serviceLevelObjectives(1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4, 1e-3)
                .register(registry);
    }

    public void record(Decision d, double evaluatedUs) {
        String outcome = !d.allowed() ? "denied" : d.sizeMultiplier() < 1.0 || d.approvedStake() < d.requestedStake() ? "scaled" : "allowed";
        String code = d.deniedBy().map(Enum::name).orElse("none");
        counters.computeIfAbsent(outcome + "|" + code, k -> Counter.builder("orchestrator_decisions")
                .description("Decisions answered, by outcome (allowed, scaled, denied) and deny code")
                .tag("outcome", outcome).tag("code", code).register(registry)).increment();
        latency.record(evaluatedUs / 1e6);
    }
}
