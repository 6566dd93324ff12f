package com.portfolioorchestrator.core.ledger;

/** Lets engine tests reuse the ledger's tolerance comparison. */
public final class PositionLedgerPropertiesTestAccess {
    private PositionLedgerPropertiesTestAccess() {}

    public static void assertTotalsClose(LedgerTotals incremental, LedgerTotals scratch, long seed, int step) {
        PositionLedgerPropertiesTest.assertTotalsClose(incremental, scratch, seed, step);
    }
}
