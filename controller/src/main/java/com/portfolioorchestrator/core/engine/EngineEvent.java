package com.portfolioorchestrator.core.engine;

import com.portfolioorchestrator.core.Checks;
import com.portfolioorchestrator.core.policy.ProfileName;
import com.portfolioorchestrator.core.regime.VolatilityRegime;
import java.time.Instant;
import java.util.Optional;

/**
 * Something the engine did that operators should hear about and the log should keep (alerts, persistence). Drained
 * with {@link DecisionEngine#drainEvents()}; immutable.
 */
public sealed interface EngineEvent {
    Instant at();

    /** A breaker started denying (or, for DRAWDOWN_WARN, halving) entries; {@code until} when time-bound. */
    record BreakerTripped(String breaker, Instant at, Optional<Instant> until, String detail) implements EngineEvent {
        public BreakerTripped {
            Checks.notBlank(breaker, "breaker");
            Checks.notNull(at, "at");
            Checks.notNull(until, "until");
            Checks.notNull(detail, "detail");
        }
    }

    /** A breaker is back to normal. */
    record BreakerCleared(String breaker, Instant at, String detail) implements EngineEvent {
        public BreakerCleared {
            Checks.notBlank(breaker, "breaker");
            Checks.notNull(at, "at");
            Checks.notNull(detail, "detail");
        }
    }

    /** An operator disabled a breaker until {@code until} (at most 12 h). */
    record BreakerDisabled(Breaker breaker, Instant at, Instant until, String reason) implements EngineEvent {
        public BreakerDisabled {
            Checks.notNull(breaker, "breaker");
            Checks.notNull(at, "at");
            Checks.notNull(until, "until");
            Checks.notNull(reason, "reason");
        }
    }

    /** A loss streak reached a tier: no entries until {@code until}. */
    record CooldownStarted(int losses, Instant at, Instant until) implements EngineEvent {
        public CooldownStarted {
            Checks.positive(losses, "losses");
            Checks.notNull(at, "at");
            Checks.notNull(until, "until");
        }
    }

    record RegimeChanged(VolatilityRegime from, VolatilityRegime to, Instant at) implements EngineEvent {
        public RegimeChanged {
            Checks.notNull(from, "from");
            Checks.notNull(to, "to");
            Checks.notNull(at, "at");
        }
    }

    /** The active profile changed: automatically (loss-streak step-down) or by an approved operator switch. */
    record ProfileChanged(ProfileName from, ProfileName to, Instant at, boolean automatic, String reason)
            implements EngineEvent {
        public ProfileChanged {
            Checks.notNull(from, "from");
            Checks.notNull(to, "to");
            Checks.notNull(at, "at");
            Checks.notNull(reason, "reason");
        }
    }

    /** A retry beyond the configured retry sizes: the order failed for good (playbook 3.1). */
    record OrderTimeoutFail(String botId, String pair, String retryOf, int attempt, Instant at) implements EngineEvent {
        public OrderTimeoutFail {
            Checks.notBlank(botId, "bot_id");
            Checks.notBlank(pair, "pair");
            Checks.notBlank(retryOf, "retry_of");
            Checks.notNull(at, "at");
        }
    }

    /** A symbol had symbol_failures guard failures within the window and is cooled down. */
    record SymbolCooledDown(String pair, Instant at, Instant until) implements EngineEvent {
        public SymbolCooledDown {
            Checks.notBlank(pair, "pair");
            Checks.notNull(at, "at");
            Checks.notNull(until, "until");
        }
    }

    record KillSwitchChanged(boolean tripped, Instant at, String reason) implements EngineEvent {
        public KillSwitchChanged {
            Checks.notNull(at, "at");
            Checks.notNull(reason, "reason");
        }
    }

    /** An operator set or cleared REDUCING. */
    record TradingStateChanged(com.portfolioorchestrator.core.TradingState to, Instant at, String reason)
            implements EngineEvent {
        public TradingStateChanged {
            Checks.notNull(to, "to");
            Checks.notNull(at, "at");
            Checks.notNull(reason, "reason");
        }
    }

    /** IBKR reconciliation moved to another state. */
    record ReconciliationChanged(ReconciliationState from, ReconciliationState to, Instant at) implements EngineEvent {
        public ReconciliationChanged {
            Checks.notNull(from, "from");
            Checks.notNull(to, "to");
            Checks.notNull(at, "at");
        }
    }

    /** A reservation lapsed without a fill or cancel. */
    record ReservationExpired(String decisionId, String botId, String pair, Instant at) implements EngineEvent {
        public ReservationExpired {
            Checks.notBlank(decisionId, "decision_id");
            Checks.notBlank(botId, "bot_id");
            Checks.notBlank(pair, "pair");
            Checks.notNull(at, "at");
        }
    }
}
