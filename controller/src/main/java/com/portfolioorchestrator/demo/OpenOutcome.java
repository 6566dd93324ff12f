package com.portfolioorchestrator.demo;

/** What {@link SimulatedFreqtradeBot#openTrade} did: a trade was opened, or the bot refused (and why, as Freqtrade logs it). */
public sealed interface OpenOutcome permits OpenOutcome.Opened, OpenOutcome.Refused {
    record Opened(int tradeId, double stakeAmount, double amount) implements OpenOutcome {
    }

    record Refused(String reason) implements OpenOutcome {
    }

    default boolean isOpened() {
        return this instanceof Opened;
    }
}
