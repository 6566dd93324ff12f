package com.portfolioorchestrator.core.engine;

/**
 * Drawdown breaker phases (playbook 2.2). NORMAL -> WARN at dd >= warn (size x warn_multiplier); any phase -> BREAKER
 * at dd >= breaker (no entries for breaker_pause_h); BREAKER -> RECOVERING when the pause is over (size x
 * warn_multiplier; a new equity low at or above the breaker trips again); WARN/RECOVERING -> NORMAL when dd <
 * recover_below and equity has not fallen for recover_after_h hours.
 */
public enum DrawdownPhase {
    NORMAL, WARN, BREAKER, RECOVERING
}
