package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * The IBKR account in the view (present once it has been polled successfully; last good data while stale).
 *
 * <p>Computed NAV = Σ cash x rate + Σ non-futures positions' market value x rate + Σ futures' unrealised PnL x rate
 * + the ledger's accrued interest. Futures count by their unrealised PnL, not their market value: they are settled
 * daily and their notional is not the account's money (the ledger's BASE {@code futuremarketvalue} is that PnL too).
 *
 * @param netLiquidationBase  the broker's figure, base currency
 * @param computedNavBase     ours, base currency
 * @param reconciliationRatio {@code |computed - net liquidation| / net liquidation}
 */
public record IbkrStatus(boolean stale, Optional<String> staleReason, Instant lastGoodPoll, double netLiquidationBase,
                         double computedNavBase, double reconciliationRatio, ReconciliationState reconciliation,
                         boolean inMaintenanceWindow) {
    public IbkrStatus {
        Checks.notNull(staleReason, "staleReason");
        Checks.notNull(lastGoodPoll, "lastGoodPoll");
        Checks.finite(netLiquidationBase, "netLiquidationBase");
        Checks.finite(computedNavBase, "computedNavBase");
        Checks.nonNegative(reconciliationRatio, "reconciliationRatio");
        Checks.notNull(reconciliation, "reconciliation");
        if (stale != staleReason.isPresent()) {
            throw new IllegalArgumentException("IBKR: a reason is given exactly when stale");
        }
    }
}
