package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;
import java.util.List;

/**
 * The risk side of the IBKR account (abstractfinance Phases 2 and 9): maintenance windows and NAV reconciliation.
 *
 * @param reconciliationHalt      |computed NAV - broker net liquidation| / net liquidation above which futures entries halt
 * @param reconciliationEmergency above which the state is EMERGENCY
 * @param stoploss                stop distance, a fraction of the mark, for the account's positions: the Client Portal
 *                                reports no stops, so risk at stop is notional x this (like a bot's {@code stoploss})
 */
public record IbkrRiskPolicy(boolean enabled, AssetClass assetClass, List<MaintenanceWindow> maintenanceWindows,
                             double reconciliationHalt, double reconciliationEmergency, double stoploss) {
    /** The default stop distance of the account's positions. */
    public static final double DEFAULT_STOPLOSS = 0.05;

    public IbkrRiskPolicy(boolean enabled, AssetClass assetClass, List<MaintenanceWindow> maintenanceWindows,
                          double reconciliationHalt, double reconciliationEmergency) {
        this(enabled, assetClass, maintenanceWindows, reconciliationHalt, reconciliationEmergency, DEFAULT_STOPLOSS);
    }

    public IbkrRiskPolicy {
        Checks.inRange(stoploss, 1e-6, 1.0, "stoploss");
        Checks.notNull(assetClass, "asset_class");
        maintenanceWindows = List.copyOf(maintenanceWindows);
        Checks.fraction(reconciliationHalt, "reconciliation_halt");
        Checks.fraction(reconciliationEmergency, "reconciliation_emergency");
    }
}
