package com.portfolioorchestrator.app.portfolio;

/** Direction of a position (Freqtrade {@code is_short}; IBKR: sign of the position). */
public enum Side {
    LONG, SHORT
}
