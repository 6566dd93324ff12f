package com.portfolioorchestrator.core.policy;

import java.util.Locale;
import java.util.Optional;

/** Asset class of a bot or account, the key of the M16 P5 allocation (seed M16 3.5). */
public enum AssetClass {
    CRYPTO, FUTURES, EQUITIES, OPTIONS_BUY, OPTIONS_SELL, FOREX_INTRADAY, FOREX_CARRY;

    /** The name used in TOML and JSON, e.g. {@code options_buy}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AssetClass> find(String configName) {
        for (AssetClass c : values()) {
            if (c.configName().equals(configName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
