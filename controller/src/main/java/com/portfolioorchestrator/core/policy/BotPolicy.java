package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;

/**
 * What the rules need to know about one bot (or the IBKR account, id {@code IBKR}).
 *
 * @param stoploss           stop distance as a fraction of entry, used when a request carries no stop_price
 * @param extremeVolOverride playbook 2.4: lets a strategy blocked in the extreme regime keep entering
 */
public record BotPolicy(String id, AssetClass assetClass, String bucket, double stoploss, boolean extremeVolOverride) {
    public BotPolicy {
        Checks.notBlank(id, "id");
        Checks.notNull(assetClass, "asset_class");
        Checks.notBlank(bucket, "bucket");
        Checks.inRange(stoploss, 1e-6, 1.0, "stoploss");
    }
}
