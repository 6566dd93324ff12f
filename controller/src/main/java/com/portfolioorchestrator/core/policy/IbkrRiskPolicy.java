package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;
import java.util.List;

/**
 * The risk side of the IBKR account (abstractfinance Phases 2 and 9): maintenance windows and NAV reconciliation.
 *
 * @param reconciliationHalt      |computed NAV - broker net liquidation| / net liquidation above which futures entries halt
 * @param reconciliationEmergency above which the state is EMERGENCY
 */
public record IbkrRiskPolicy(boolean enabled, AssetClass assetClass, List<MaintenanceWindow> maintenanceWindows,
                             double reconciliationHalt, double reconciliationEmergency) {
    public IbkrRiskPolicy {
        Checks.notNull(assetClass, "asset_class");
        maintenanceWindows = List.copyOf(maintenanceWindows);
        Checks.fraction(reconciliationHalt, "reconciliation_halt");
        Checks.fraction(reconciliationEmergency, "reconciliation_emergency");
    }
}
