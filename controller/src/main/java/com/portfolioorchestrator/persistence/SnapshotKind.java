package com.portfolioorchestrator.persistence;

/** The three snapshot series of {@code GET /api/v1/state}, one table each. */
public enum SnapshotKind {
    RISK("risk_state"),
    ALLOCATION("allocation_state"),
    EXECUTION_GUARD("execution_guard_state");

    private final String table;

    SnapshotKind(String table) {
        this.table = table;
    }

    /** The table name; a constant, never user input, so it may be concatenated into SQL. */
    public String table() {
        return table;
    }
}
