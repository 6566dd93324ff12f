package com.portfolioorchestrator.config;

/** Where the IBKR Client Portal gateway listens; the risk side is in the core's {@code IbkrRiskPolicy}. */
public record IbkrConnection(boolean enabled, String url, String account, boolean verifyTls) {}
