package com.portfolioorchestrator.app.polling;

import com.portfolioorchestrator.core.Checks;

/**
 * The recorded outcome of one kill-switch action on one bot.
 *
 * @param attempts calls made (1 when the first one worked)
 * @param detail   what the bot answered, or the last failure
 */
public record BotActionResult(String botId, Action action, boolean success, int attempts, String detail) {
    /** The kill-switch actions. */
    public enum Action {
        /** {@code POST /locks} pair "*", side "*": no new entries. */
        LOCK,
        /** {@code POST /forceexit all} at market: flatten. */
        FORCE_EXIT,
        /** {@code DELETE /locks/{id}} of the orchestrator's global locks. */
        UNLOCK
    }

    public BotActionResult {
        Checks.notBlank(botId, "botId");
        Checks.notNull(action, "action");
        Checks.positive(attempts, "attempts");
        Checks.notNull(detail, "detail");
    }
}
