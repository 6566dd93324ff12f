package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.core.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The delivery state of the closed-trade stream: one {@link ClosedTradeMark} per bot. Persist it with the snapshots
 * and pass it back in a {@link HistorySeed}: a restart then re-delivers nothing at or before a bot's mark. A bot
 * without a mark gets every closed trade the bootstrap loads (7 days) in its first view.
 */
public record ClosedTradeMarks(Map<String, ClosedTradeMark> byBot) {
    public ClosedTradeMarks {
        Checks.notNull(byBot, "byBot");
        byBot = Collections.unmodifiableMap(new TreeMap<>(byBot));
    }

    public static ClosedTradeMarks none() {
        return new ClosedTradeMarks(Map.of());
    }

    public Optional<ClosedTradeMark> find(String botId) {
        return Optional.ofNullable(byBot.get(botId));
    }

    /** A copy with {@code mark} for {@code botId}. */
    public ClosedTradeMarks with(String botId, ClosedTradeMark mark) {
        Map<String, ClosedTradeMark> copy = new TreeMap<>(byBot);
        copy.put(botId, mark);
        return new ClosedTradeMarks(copy);
    }
}
