package com.portfolioorchestrator.persistence;

import com.portfolioorchestrator.core.engine.EngineState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine state in two {@code engine_state} parts, so that what must be committed before an answer stays small:
 * <ul>
 *   <li>{@value #SAFETY}: everything that matters for safety (breakers, cooldowns, streaks, regime, kill switch, trading
 *   state, profile, the ledger with its reservations, rate windows, turnover, symbol guards), committed synchronously
 *   whenever a decision reserves or something raises an event;</li>
 *   <li>{@value #HISTORY}: the bulky bookkeeping (recent decisions for retries, the 24 h signal-alignment window, closed
 *   trade keys), committed every risk cycle and at shutdown. After a crash it is at most one cycle old: a retry of a
 *   younger decision is then denied (fail closed), the alignment score misses that cycle's requests, and a closed trade
 *   of that cycle may count once more in the loss streak (more cautious, never less).</li>
 * </ul>
 */
public final class EngineStateParts {
    public static final String SAFETY = EngineStateCodec.PART;
    public static final String HISTORY = "engine_history";

    /** The bulky part. */
    public record History(List<EngineState.AlignmentSignal> alignment, List<EngineState.DecisionRecord> recentDecisions,
                          List<String> closedTradeKeys) {}

    private EngineStateParts() {}

    /** The safety part alone (what a decision commits). */
    public static Map<String, String> safety(EngineState s) {
        return Map.of(SAFETY, EngineStateCodec.encode(withoutHistory(s)));
    }

    /** Both parts (the periodic and the final save). */
    public static Map<String, String> all(EngineState s) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put(SAFETY, EngineStateCodec.encode(withoutHistory(s)));
        parts.put(HISTORY, EngineStateCodec.encodeValue(new History(s.alignment(), s.recentDecisions(), s.closedTradeKeys())));
        return parts;
    }

    /** The state from its stored parts; a missing history part means none. */
    public static EngineState join(String safetyJson, String historyJson) {
        EngineState s = EngineStateCodec.decode(safetyJson);
        if (historyJson == null) {
            return s;
        }
        History h = EngineStateCodec.decodeValue(historyJson, History.class);
        return new EngineState(s.activeProfile(), s.killSwitch(), s.killSwitchReason(), s.reducing(),
                s.breakerDisabledUntilMs(), s.equity(), s.dailyLoss(), s.drawdown(), s.lossStreak(), s.regime(),
                s.regimeSinceMs(), s.reconciliation(), s.portfolioStale(), s.botHealth(), s.strategyCorrelation(),
                s.edgeScores(), s.allocation(), s.ledger(), s.ledgerNextSequence(), s.rateLimitStamps(),
                s.newPositionStamps(), s.turnover(), h.alignment(), s.symbols(), h.recentDecisions(), h.closedTradeKeys(),
                s.lastSyncMs());
    }

    private static EngineState withoutHistory(EngineState s) {
        return new EngineState(s.activeProfile(), s.killSwitch(), s.killSwitchReason(), s.reducing(),
                s.breakerDisabledUntilMs(), s.equity(), s.dailyLoss(), s.drawdown(), s.lossStreak(), s.regime(),
                s.regimeSinceMs(), s.reconciliation(), s.portfolioStale(), s.botHealth(), s.strategyCorrelation(),
                s.edgeScores(), s.allocation(), s.ledger(), s.ledgerNextSequence(), s.rateLimitStamps(),
                s.newPositionStamps(), s.turnover(), List.of(), s.symbols(), List.of(), List.of(), s.lastSyncMs());
    }
}
