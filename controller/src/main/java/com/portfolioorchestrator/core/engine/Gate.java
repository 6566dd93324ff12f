package com.portfolioorchestrator.core.engine;

/**
 * The name of one evaluated check in a decision's {@code checks} list, in evaluation order. Stable: the API, the
 * decision log and the post-mortem use these names. See docs/decision-engine.md for each gate's value and limit.
 */
public enum Gate {
    KILL_SWITCH, TRADING_STATE, STALE_DATA, STAKE_CURRENCY, MAINTENANCE_WINDOW, RECONCILIATION, NEWS_SHIELD,
    RATE_LIMIT_MINUTE, RATE_LIMIT_HOUR, DAILY_LOSS_HARD, DAILY_LOSS, DRAWDOWN, LOSS_STREAK, VOLATILITY, BUCKET,
    SYMBOL_COOLDOWN, RETRY, QUOTES, SPREAD, SLIPPAGE, FUNDING, FAT_FINGER, TURNOVER, MAX_OPEN_TRADES,
    SIGNAL_ALIGNMENT, STRATEGY_CORRELATION, LOWEST_EDGE, NEW_POSITION_THROTTLE,
    P5_ASSET_CLASS, P1_RISK_BUDGET, P2_CORRELATION_GROUP,
    STRATEGY_BUDGET, ASSET_CAP, TOP3_ASSETS, MIN_NOTIONAL
}
