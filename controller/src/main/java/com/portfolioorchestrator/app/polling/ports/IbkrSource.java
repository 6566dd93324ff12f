package com.portfolioorchestrator.app.polling.ports;

import com.portfolioorchestrator.app.portfolio.source.IbkrAccount;

/** Read port of the IBKR account (Client Portal gateway). Methods throw {@link SourceException}. Thread-safe. */
public interface IbkrSource {
    /** {@code POST /tickle}: keeps the gateway session alive (every 60 s). */
    void tickle();

    /** Summary (net liquidation), ledger (cash, exchange rates, interest) and all positions of the configured account. */
    IbkrAccount account();
}
