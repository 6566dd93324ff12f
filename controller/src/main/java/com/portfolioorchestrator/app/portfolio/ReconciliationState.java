package com.portfolioorchestrator.app.portfolio;

/**
 * NAV reconciliation of the IBKR account (abstractfinance Phase 2, PRODUCT.md 5.11): the ratio
 * {@code |computed NAV - net liquidation| / net liquidation} against {@code reconciliation_halt} (0.25 %) and
 * {@code reconciliation_emergency} (1 %). Strictly above a threshold trips it.
 */
public enum ReconciliationState {
    NORMAL, HALT, EMERGENCY;

    public static ReconciliationState of(double ratio, double halt, double emergency) {
        if (!(ratio >= 0)) {
            throw new IllegalArgumentException("reconciliation ratio must be >= 0, was " + ratio);
        }
        return ratio > emergency ? EMERGENCY : ratio > halt ? HALT : NORMAL;
    }
}
