package com.portfolioorchestrator.core.policy;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A rule switch of {@code [toggles]} (PRODUCT.md section 4); every rule can be switched off for replay ablation. */
public enum Toggle {
    ALLOCATION, ASSET_CAPS, CORRELATION_THROTTLE, GATE_P1, GATE_P2, GATE_P3, GATE_P4, GATE_P5, DAILY_LOSS, DRAWDOWN,
    LOSS_STREAK, VOLATILITY_REGIME, EXECUTION_GUARDS, FUNDING, RATE_LIMITS, FAT_FINGER, TURNOVER, STALE_DATA,
    NEWS_SHIELD, KILL_SWITCH;

    /**
     * The toggles the safety lock keeps on in live mode (PRODUCT.md 5.12): kill switch, stale-data guard, rate limits,
     * fat finger and the hard daily loss. The hard daily loss is the daily-loss rule, which is also M16's gate P3 and
     * runs only when both {@code daily_loss} and {@code gate_p3} are on, so both are locked.
     */
    public static final Set<Toggle> SAFETY_LOCKED =
            EnumSet.of(KILL_SWITCH, STALE_DATA, RATE_LIMITS, FAT_FINGER, DAILY_LOSS, GATE_P3);

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Toggle> find(String configName) {
        for (Toggle t : values()) {
            if (t.configName().equals(configName)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
