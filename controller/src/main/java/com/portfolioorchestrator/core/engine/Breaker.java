package com.portfolioorchestrator.core.engine;

import java.util.Locale;
import java.util.Optional;

/**
 * A breaker an operator may disable for at most 12 hours (playbook 6, PRODUCT.md section 6). The hard daily loss is
 * not among them: it is safety-locked (PRODUCT.md 5.12). A disabled breaker's gate is skipped (and its multiplier is
 * 1) until the disable expires; its state keeps updating meanwhile.
 */
public enum Breaker {
    DAILY_LOSS_SOFT, DRAWDOWN, LOSS_STREAK, CORRELATION_THROTTLE, VOLATILITY_REGIME;

    /** The name in {@code /api/v1/breakers/{name}/disable}, e.g. {@code daily_loss_soft}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Breaker> find(String configName) {
        for (Breaker b : values()) {
            if (b.configName().equals(configName)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
