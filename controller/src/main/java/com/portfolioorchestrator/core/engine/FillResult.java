package com.portfolioorchestrator.core.engine;

/** Outcome of a fill report ({@code POST /api/v1/decisions/{id}/fill}); every outcome is idempotent. */
public enum FillResult {
    /** The reservation now names the trade and keeps counting until a poll shows the trade. */
    LINKED,
    /** The trade is already a position (a poll saw it first): counted once, the reservation is gone. */
    ALREADY_POSITION,
    /** No reservation or recent decision has this id (expired, cancelled, denied or unknown). */
    UNKNOWN_DECISION
}
