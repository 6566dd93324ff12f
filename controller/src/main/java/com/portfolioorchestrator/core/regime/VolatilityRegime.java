package com.portfolioorchestrator.core.regime;

/** Market volatility regime (playbook 2.4, PRODUCT.md 5.8), ordered from calm to worst. */
public enum VolatilityRegime {
    NORMAL, HIGH, EXTREME
}
