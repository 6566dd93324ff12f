package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;
import java.util.Map;

/**
 * Per-asset notional caps as fractions of gross capacity, before the profile's multiplier (playbook 1.4).
 *
 * @param caps         base asset (e.g. {@code BTC}) to cap
 * @param defaultCap   cap of any asset not named
 * @param top3Combined cap of the three largest assets together
 */
public record AssetCapPolicy(Map<String, Double> caps, double defaultCap, double top3Combined) {
    public AssetCapPolicy {
        caps = Map.copyOf(caps);
        caps.forEach((asset, cap) -> Checks.fraction(cap, "asset_caps." + asset));
        Checks.fraction(defaultCap, "default");
        Checks.fraction(top3Combined, "top3_combined");
    }

    /** The base cap of an asset, before the profile multiplier. */
    public double capOf(String baseAsset) {
        Double cap = caps.get(baseAsset);
        return cap == null ? defaultCap : cap;
    }
}
