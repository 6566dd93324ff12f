package com.portfolioorchestrator.core.regime;

/** STAND-IN, replaced by branch math at merge: the volatility regime of playbook 2.4. */
public enum VolatilityRegime { NORMAL, HIGH, EXTREME }
