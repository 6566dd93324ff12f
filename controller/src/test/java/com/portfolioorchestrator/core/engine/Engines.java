package com.portfolioorchestrator.core.engine;

import com.portfolioorchestrator.core.policy.BotPolicy;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Test fixture: an engine with a complete, fresh portfolio view (equity 100,000 USD, no PnL today, every bot fresh). */
final class Engines {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z"); // a Monday
    static final double EQUITY = 100_000;
    private static final AtomicLong IDS = new AtomicLong();

    private Engines() {}

    static DecisionEngine ready(RiskPolicy policy) {
        return ready(policy, T0);
    }

    static DecisionEngine ready(RiskPolicy policy, Instant now) {
        DecisionEngine engine = new DecisionEngine(policy);
        engine.onEquity(now, EQUITY, 0);
        for (BotPolicy b : policy.bots()) {
            engine.onBotHealth(b.id(), BotHealth.FRESH, now);
        }
        engine.onPortfolioStale(false);
        engine.drainEvents();
        return engine;
    }

    static String nextId() {
        return "d-" + IDS.incrementAndGet();
    }

    static Decision decide(DecisionEngine engine, Requests request, Instant now) {
        return engine.decide(request.build(), nextId(), now);
    }

    /** The decision, after asserting it was allowed (the failure message shows the reasons). */
    static Decision allowed(Decision d) {
        org.assertj.core.api.Assertions.assertThat(d.allowed()).as("allowed, but: %s", d.reasons()).isTrue();
        return d;
    }
}
