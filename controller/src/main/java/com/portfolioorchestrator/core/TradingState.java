package com.portfolioorchestrator.core;

/**
 * Portfolio trading state (after NautilusTrader's {@code TradingState}, PRODUCT.md 5.13).
 * {@code ACTIVE}: entries are decided by the rules. {@code REDUCING}: an operator stopped new risk; every entry is
 * denied with {@link DenyCode#TRADING_HALTED}, exits stay free. {@code HALTED}: the kill switch is tripped; every entry
 * is denied with {@link DenyCode#KILL_SWITCH}. The engine only decides entries, so exits are never blocked.
 */
public enum TradingState {
    ACTIVE, REDUCING, HALTED
}
