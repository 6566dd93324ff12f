package com.portfolioorchestrator.core.ledger;

import com.portfolioorchestrator.core.policy.AssetClass;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ledger's aggregates as a plain value (for the state view and for tests that compare the incremental totals with
 * a recomputation). Notional and risk in the base currency. Maps are sorted by key; zero entries are left out.
 *
 * @param openPositions  entries that occupy a position slot (positions + reservations of new entries)
 * @param groupCounts    occupied position slots per correlation group
 * @param top3Assets     the three assets with the largest notional, largest first
 */
public record LedgerTotals(double grossNotional, double atRisk, int openPositions, int reservations,
                           Map<String, Double> notionalByBot, Map<String, Double> riskByBot,
                           Map<String, Double> notionalByBucket, Map<String, Double> notionalByAsset,
                           Map<AssetClass, Double> riskByAssetClass, Map<String, Integer> groupCounts,
                           List<String> top3Assets, double top3Notional) {
    public LedgerTotals {
        notionalByBot = sorted(notionalByBot);
        riskByBot = sorted(riskByBot);
        notionalByBucket = sorted(notionalByBucket);
        notionalByAsset = sorted(notionalByAsset);
        riskByAssetClass = Collections.unmodifiableMap(riskByAssetClass.isEmpty()
                ? new EnumMap<>(AssetClass.class) : new EnumMap<>(riskByAssetClass));
        groupCounts = sorted(groupCounts);
        top3Assets = List.copyOf(top3Assets);
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
