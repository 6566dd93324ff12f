package com.portfolioorchestrator.app.portfolio;

/** Where a position's stop price, and so its risk at stop, comes from. */
public enum StopSource {
    /** Freqtrade {@code stop_loss_abs}: the trade's current stop (trailing or custom stops included). */
    TRADE_STOP,
    /** {@code current_rate + stoploss_current_dist}, when {@code stop_loss_abs} is absent. */
    CURRENT_DISTANCE,
    /** No stop reported: the bot's configured {@code stoploss} from orchestrator.toml, as a price distance. */
    CONFIGURED_STOPLOSS,
    /** No stop is known to us (IBKR positions): no risk at stop is claimed. */
    NONE
}
