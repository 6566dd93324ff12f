package com.portfolioorchestrator.core.engine;

/**
 * Freshness of one bot's data as the poller judges it (PRODUCT.md 5.11): STALE when the bot was not polled
 * successfully within stale_after_intervals, or its heartbeat is older than heartbeat_max_age_s. A bot never reported
 * is STALE: unknown is not fresh.
 */
public enum BotHealth {
    FRESH, STALE
}
