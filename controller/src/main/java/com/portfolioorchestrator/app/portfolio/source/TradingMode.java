package com.portfolioorchestrator.app.portfolio.source;

import java.util.Locale;

/** Freqtrade {@code trading_mode}. Futures bots leave unrealised PnL out of {@code /balance total_bot}. */
public enum TradingMode {
    SPOT, MARGIN, FUTURES;

    /** Parses Freqtrade's lower-case name ("spot", "margin", "futures"). */
    public static TradingMode parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("trading_mode is missing");
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trading_mode must be spot, margin or futures, was '" + text + "'", e);
        }
    }
}
