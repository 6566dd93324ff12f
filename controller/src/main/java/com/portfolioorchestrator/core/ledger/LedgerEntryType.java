package com.portfolioorchestrator.core.ledger;

/** A ledger entry is an open position seen by a poll, or a reservation made by an allowed decision. */
public enum LedgerEntryType {
    POSITION, RESERVATION
}
