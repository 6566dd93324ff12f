package com.portfolioorchestrator.core.engine;

import com.portfolioorchestrator.core.Checks;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.ledger.LedgerEntry;
import com.portfolioorchestrator.core.policy.ProfileName;
import com.portfolioorchestrator.core.regime.VolatilityRegime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything of the decision engine that must survive a restart, as a plain value: records, lists and maps of
 * primitives, strings and enums; times are epoch milliseconds (UTC), "none" is -1 unless a field says otherwise. The
 * persistence layer saves it whole ({@link DecisionEngine#snapshot()}) and gives it back to
 * {@link DecisionEngine#restore}; the restored engine decides exactly as the saved one would have. Maps are sorted by
 * key so that the serialised form is deterministic.
 *
 * @param breakerDisabledUntilMs operator breaker disables still running
 * @param ledger                 positions and reservations in insertion order
 * @param ledgerNextSequence     the sequence the next ledger entry gets
 * @param rateLimitStamps        per bot, times of allowed entries within the last hour
 * @param newPositionStamps      times of allowed new entries (for the combined-throttle window)
 * @param alignment              entry requests on the alignment assets within the alignment window
 * @param recentDecisions        allowed and guard-denied decisions kept for retries and late fill reports
 * @param closedTradeKeys        {@code botId/tradeId} of recently processed closed trades (dedup)
 * @param lastSyncMs             per bot, the time of the last position sync applied (older polls are ignored)
 */
public record EngineState(ProfileName activeProfile, boolean killSwitch, String killSwitchReason, boolean reducing,
                          Map<Breaker, Long> breakerDisabledUntilMs, EquityState equity, DailyLossState dailyLoss,
                          DrawdownState drawdown, LossStreakState lossStreak, VolatilityRegime regime,
                          long regimeSinceMs, ReconciliationState reconciliation, boolean portfolioStale,
                          Map<String, BotHealth> botHealth, CorrelationInput strategyCorrelation,
                          Map<String, Double> edgeScores, AllocationState allocation, List<LedgerEntry> ledger,
                          long ledgerNextSequence,
                          Map<String, List<Long>> rateLimitStamps, List<Long> newPositionStamps, TurnoverState turnover,
                          List<AlignmentSignal> alignment, List<SymbolGuardState> symbols,
                          List<DecisionRecord> recentDecisions, List<String> closedTradeKeys,
                          Map<String, Long> lastSyncMs) {
    public EngineState {
        Checks.notNull(activeProfile, "active_profile");
        Checks.notNull(killSwitchReason, "kill_switch_reason");
        EnumMap<Breaker, Long> disabled = new EnumMap<>(Breaker.class);
        disabled.putAll(breakerDisabledUntilMs);
        breakerDisabledUntilMs = Collections.unmodifiableMap(disabled);
        Checks.notNull(equity, "equity");
        Checks.notNull(dailyLoss, "daily_loss");
        Checks.notNull(drawdown, "drawdown");
        Checks.notNull(lossStreak, "loss_streak");
        Checks.notNull(regime, "regime");
        Checks.notNull(reconciliation, "reconciliation");
        botHealth = sorted(botHealth);
        Checks.notNull(strategyCorrelation, "strategy_correlation");
        edgeScores = sorted(edgeScores);
        Checks.notNull(allocation, "allocation");
        ledger = List.copyOf(ledger);
        TreeMap<String, List<Long>> stamps = new TreeMap<>();
        rateLimitStamps.forEach((bot, list) -> stamps.put(bot, List.copyOf(list)));
        rateLimitStamps = Collections.unmodifiableMap(stamps);
        newPositionStamps = List.copyOf(newPositionStamps);
        Checks.notNull(turnover, "turnover");
        alignment = List.copyOf(alignment);
        symbols = List.copyOf(symbols);
        recentDecisions = List.copyOf(recentDecisions);
        closedTradeKeys = List.copyOf(closedTradeKeys);
        lastSyncMs = sorted(lastSyncMs);
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** Last equity report: {@code known} is false until the first one. Base currency. */
    public record EquityState(boolean known, long lastAtMs, double equity, double dayPnl, double peak) {
        public EquityState {
            Checks.finite(equity, "equity");
            Checks.finite(dayPnl, "day_pnl");
            Checks.finite(peak, "peak");
        }
    }

    /**
     * @param epochDay          UTC day of the last equity report
     * @param softArmed         the soft limit trips on its next crossing (re-armed when the loss is back above it)
     * @param softFreezeUntilMs entries denied before this time, -1 none
     * @param hardFrozenDay     UTC epoch day on which the hard limit was hit, -1 none
     */
    public record DailyLossState(long epochDay, boolean softArmed, long softFreezeUntilMs, long hardFrozenDay) {}

    /**
     * @param peak               highest equity seen, base currency
     * @param pauseUntilMs       end of the breaker pause, -1 none
     * @param tripTrough         lowest equity since the breaker tripped (a new low re-trips while recovering)
     * @param recoveryAnchorMs   start of the current non-negative stretch below recover_below, -1 none
     * @param recoveryAnchorEquity equity at the anchor
     */
    public record DrawdownState(DrawdownPhase phase, long pauseUntilMs, double tripTrough, long recoveryAnchorMs,
                                double recoveryAnchorEquity) {
        public DrawdownState {
            Checks.notNull(phase, "phase");
            Checks.finite(tripTrough, "trip_trough");
            Checks.finite(recoveryAnchorEquity, "recovery_anchor_equity");
        }
    }

    /**
     * @param losses            consecutive losses (a single win does not reset; reset_after_wins wins in a row do)
     * @param wins              wins in a row since the last loss
     * @param cooldownUntilMs   entries denied before this time, -1 none
     * @param cooldownTierLosses the tier whose cooldown runs, 0 none
     */
    public record LossStreakState(int losses, int wins, long cooldownUntilMs, int cooldownTierLosses) {}

    /** Mean pairwise correlation of the strategies' hourly PnL (7 d), as last fed; {@code known} false before. */
    public record CorrelationInput(boolean known, double meanPairwise, long atMs) {
        public CorrelationInput {
            Checks.finite(meanPairwise, "mean_pairwise");
        }
    }

    /** The allocation last fed (weights as fractions of gross capacity); {@code known} false: the equal allocation. */
    public record AllocationState(boolean known, Map<String, Double> bucketWeights, Map<String, Double> strategyWeights,
                                  long computedAtMs) {
        public AllocationState {
            bucketWeights = Collections.unmodifiableMap(new TreeMap<>(bucketWeights));
            strategyWeights = Collections.unmodifiableMap(new TreeMap<>(strategyWeights));
        }
    }

    /** Entry notional of the UTC day {@code epochDay}, base currency. */
    public record TurnoverState(long epochDay, double notional) {
        public TurnoverState {
            Checks.finite(notional, "notional");
        }
    }

    public record AlignmentSignal(long atMs, Side side) {
        public AlignmentSignal {
            Checks.notNull(side, "side");
        }
    }

    /** Guard failures of one symbol in the current window, and its cooldown (-1 none). */
    public record SymbolGuardState(String pair, int failures, long firstFailureMs, long cooldownUntilMs) {
        public SymbolGuardState {
            Checks.notBlank(pair, "pair");
        }
    }

    /**
     * A recent decision the retry protocol and fill reports may refer to.
     *
     * @param firstApprovedStake the approved stake of attempt 1 of the chain (retry sizes are fractions of it)
     * @param guardFailed        denied by a spread or slippage guard: never retried
     * @param tradeId            the trade that consumed its reservation, "" if none yet
     */
    public record DecisionRecord(String decisionId, String botId, String pair, int attempt, double firstApprovedStake,
                                 boolean allowed, boolean guardFailed, long atMs, String tradeId) {
        public DecisionRecord {
            Checks.notBlank(decisionId, "decision_id");
            Checks.notBlank(botId, "bot_id");
            Checks.notBlank(pair, "pair");
            Checks.notNull(tradeId, "trade_id");
        }
    }
}
