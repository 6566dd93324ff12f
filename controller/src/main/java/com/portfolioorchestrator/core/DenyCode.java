package com.portfolioorchestrator.core;

/**
 * Why an entry was denied: one stable SCREAMING_SNAKE code per rule (PRODUCT.md section 3). A code is what the API
 * returns, the decision log stores and the post-mortem groups by; never rename one.
 */
public enum DenyCode {
    /** The kill switch is tripped (trading state HALTED). */
    KILL_SWITCH,
    /** An operator set the trading state to REDUCING: no new risk, exits free. */
    TRADING_HALTED,
    /** The bot or the whole portfolio view is stale, or no equity has been seen yet. */
    STALE_DATA,
    /** Daily loss reached the soft limit: no entries for soft_freeze_h hours (playbook 2.1). */
    DAILY_LOSS_SOFT,
    /** Daily loss reached the hard limit (M16 P3): no entries until the next UTC day. */
    DAILY_LOSS_HARD,
    /** Drawdown reached the breaker tier: no entries for breaker_pause_h hours (playbook 2.2). */
    DRAWDOWN_BREAKER,
    /** A consecutive-loss cooldown is running (playbook 2.3, M16 P4). */
    LOSS_STREAK_COOLDOWN,
    /** M16 P5: the bot's asset class would hold more risk than its share of the P1 cap. */
    ASSET_CLASS_CAP,
    /** M16 P1: the portfolio's risk at stop would exceed the risk budget. */
    RISK_BUDGET,
    /** M16 P2: the instrument's correlation group already holds max_positions_per_group positions. */
    CORRELATION_GROUP_FULL,
    /** All bots together already hold the profile's max open trades (after the regime factor). */
    MAX_OPEN_TRADES,
    /** After caps and multipliers the stake is below the exchange minimum (or nothing is left). */
    BELOW_MIN_NOTIONAL,
    /** Signal alignment >= alignment_high: the strategy with the lowest edge score may not enter (playbook 1.5). */
    LOWEST_EDGE_BLOCKED,
    /** Alignment and strategy correlation both high: at most one new position per combined_window_min. */
    NEW_POSITION_THROTTLE,
    /** Extreme volatility regime blocks this strategy (S2, S7 unless their override flag is set). */
    VOLATILITY_BLOCKED,
    /** spread_bps above the bucket's limit. */
    SPREAD_TOO_WIDE,
    /** expected_slippage_bps above the bucket's limit (tightened by the high-volatility regime). */
    SLIPPAGE_TOO_HIGH,
    /** The symbol had guard failures in a row and is cooled down. */
    SYMBOL_COOLDOWN,
    /** Projected funding beyond deny_threshold and the edge score below min_edge (playbook 3.3). */
    FUNDING_TOO_HIGH,
    /** A retry that the protocol does not allow: after a guard failure, of an unknown or foreign decision. */
    RETRY_NOT_ALLOWED,
    /** A retry beyond the configured retry sizes: the order has timed out for good (playbook 3.1). */
    ORDER_TIMEOUT_FAIL,
    /** The bot exceeded its allowed entries per minute or per hour (RiskOverlord anti-spam). */
    RATE_LIMITED,
    /** The order's notional is above fat_finger_max_order of equity: denied, never scaled. */
    FAT_FINGER,
    /** Today's entry notional would exceed max_daily_turnover of equity. */
    TURNOVER_CAP,
    /** A high-impact calendar event affecting the asset is within its shield window. */
    NEWS_SHIELD,
    /** A futures entry inside an IBKR maintenance window. */
    MAINTENANCE_WINDOW,
    /** A futures entry while the IBKR NAV reconciliation is in HALT or EMERGENCY. */
    RECONCILIATION_HALT,
    /** The allocation gives the bot's bucket or strategy no weight (disabled by a breaker or unallocated). */
    BUCKET_DISABLED,
    /** require_quotes is on and the request lacks spread_bps or expected_slippage_bps (added: the guard cannot run). */
    QUOTES_REQUIRED,
    /** No stake_currency_rates entry converts the pair's stake currency to the base currency (added: unknown is not 1). */
    UNKNOWN_STAKE_CURRENCY
}
