package com.portfolioorchestrator.core.engine;

/**
 * IBKR NAV-vs-broker reconciliation (abstractfinance Phase 3): NORMAL within reconciliation_halt, HALT above it,
 * EMERGENCY above reconciliation_emergency. HALT and EMERGENCY both deny futures entries; EMERGENCY is also raised as
 * an event for the operators.
 */
public enum ReconciliationState {
    NORMAL, HALT, EMERGENCY
}
