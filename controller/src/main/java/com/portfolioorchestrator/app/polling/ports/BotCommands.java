package com.portfolioorchestrator.app.polling.ports;

import java.time.Instant;
import java.util.List;

/** Write port of one Freqtrade bot, used only by the kill switch. Methods throw {@link SourceException}. */
public interface BotCommands {
    String botId();

    /** {@code POST /locks [{"pair": "*", "side": "*", "until": until, "reason": reason}]}; returns the global locks after it. */
    List<GlobalLock> lockAll(Instant until, String reason);

    /** {@code GET /locks}: the bot's locks whose side is "*" (global ones have pair "*"). */
    List<GlobalLock> globalLocks();

    /** {@code DELETE /locks/{id}}. */
    void deleteLock(long lockId);

    /** {@code POST /forceexit {"tradeid": "all", "ordertype": "market"}}; returns the bot's message. */
    String forceExitAll();
}
