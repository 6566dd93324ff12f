package com.portfolioorchestrator.core.policy;

/** Where the orchestrator trades. {@code LIVE} turns on the safety lock (PRODUCT.md 5.12). */
public enum Mode {
    PAPER, LIVE;

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
