package com.portfolioorchestrator.app;

import com.portfolioorchestrator.app.polling.BotActionResult;
import com.portfolioorchestrator.app.polling.KillSwitchActions;
import com.portfolioorchestrator.core.TradingState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The kill switch (PRODUCT.md section 6, FLOF RiskOverlord): one operator engages it (the engine goes HALTED, every bot
 * gets a global lock, {@code flatten} also force-exits every trade); releasing it needs two different operators within
 * 24 hours. Every step is an operator action in the audit trail; a pending release survives a restart.
 */
public final class KillSwitchService {
    /** How long a first release request waits for a second operator. */
    public static final Duration RELEASE_WINDOW = Duration.ofHours(24);

    /** A first operator's release request, waiting for a second one. */
    public record PendingRelease(String operator, String reason, Instant at) {}

    /** Where operator actions and the pending release are kept (committed when the call returns). */
    public interface Store {
        void recordAction(Instant at, String operator, String action, Object details);

        void savePendingRelease(Optional<PendingRelease> pending);

        Optional<PendingRelease> loadPendingRelease();
    }

    /** What an engage or a release did. {@code released} is false while a release waits for a second operator. */
    public record Outcome(TradingState tradingState, boolean released, Optional<PendingRelease> pending,
                          List<BotActionResult> bots) {}

    /** A second request by the same operator (409). */
    public static final class SameOperatorException extends RuntimeException {
        public SameOperatorException(String message) {
            super(message, null, false, false);
        }
    }

    private final DecisionService decisions;
    private final Optional<KillSwitchActions> actions;
    private final Store store;

    public KillSwitchService(DecisionService decisions, Optional<KillSwitchActions> actions, Store store) {
        this.decisions = decisions;
        this.actions = actions;
        this.store = store;
    }

    /** Halts entries at once (engine first, then the bots, which may take seconds) and records who and why. */
    public synchronized Outcome engage(String operator, String reason, boolean flatten) {
        Instant now = decisions.clock().instant();
        TradingState state = decisions.withEngine(engine -> {
            engine.tripKillSwitch(operator + ": " + reason, now);
            return engine.tradingState();
        });
        store.savePendingRelease(Optional.empty());
        List<BotActionResult> bots = actions.map(a -> a.engage(reason, flatten)).orElse(List.of());
        store.recordAction(now, operator, flatten ? "kill_switch_flatten" : "kill_switch",
                new Record(reason, flatten, bots));
        return new Outcome(state, false, Optional.empty(), bots);
    }

    /** The first call records a pending release; a second operator's call within 24 h releases. */
    public synchronized Outcome release(String operator, String reason) {
        Instant now = decisions.clock().instant();
        Optional<PendingRelease> pending = store.loadPendingRelease()
                .filter(p -> p.at().plus(RELEASE_WINDOW).isAfter(now));
        if (pending.isEmpty()) {
            PendingRelease first = new PendingRelease(operator, reason, now);
            store.savePendingRelease(Optional.of(first));
            store.recordAction(now, operator, "kill_switch_release_requested", new Record(reason, false, List.of()));
            return new Outcome(decisions.read(e -> e.tradingState()), false, Optional.of(first), List.of());
        }
        if (pending.get().operator().equals(operator)) {
            throw new SameOperatorException("the release was requested by " + operator + "; a second, different operator must approve it");
        }
        TradingState state = decisions.withEngine(engine -> {
            engine.releaseKillSwitch(pending.get().operator() + " + " + operator + ": " + reason, now);
            return engine.tradingState();
        });
        store.savePendingRelease(Optional.empty());
        List<BotActionResult> bots = actions.map(KillSwitchActions::release).orElse(List.of());
        store.recordAction(now, operator, "kill_switch_released", new Record(reason, false, bots));
        return new Outcome(state, true, Optional.empty(), bots);
    }

    /** The details stored with an operator action. */
    public record Record(String reason, boolean flatten, List<BotActionResult> bots) {}
}
