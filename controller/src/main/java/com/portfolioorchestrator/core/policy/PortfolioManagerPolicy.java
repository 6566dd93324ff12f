package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Seed M16 section 9, keys accepted verbatim.
 *
 * @param globalMaxExposurePct when present, the P1 cap (fraction of equity); otherwise the profile's risk_budget
 * @param globalDailyLossLimit when present, overrides the profile's hard daily loss (positive fraction)
 * @param maxConsecutiveLosses with cooldownMinutes, when present, adds a first loss-streak tier
 * @param profileAllocations   P5: fraction of the P1 cap each asset class may hold at risk
 * @param correlationGroups    group name to its members (base assets or instruments); insertion order kept
 */
public record PortfolioManagerPolicy(boolean enabled, int maxPositionsPerGroup, int maxOpenPositions,
                                     OptionalDouble globalMaxExposurePct, OptionalDouble globalDailyLossLimit,
                                     OptionalInt maxConsecutiveLosses, OptionalInt cooldownMinutes,
                                     Map<AssetClass, Double> profileAllocations,
                                     Map<String, List<String>> correlationGroups) {
    public PortfolioManagerPolicy {
        Checks.positive(maxPositionsPerGroup, "max_positions_per_group");
        Checks.positive(maxOpenPositions, "max_open_positions");
        Checks.notNull(globalMaxExposurePct, "global_max_exposure_pct");
        Checks.notNull(globalDailyLossLimit, "global_daily_loss_limit");
        Checks.notNull(maxConsecutiveLosses, "max_consecutive_losses");
        Checks.notNull(cooldownMinutes, "cooldown_minutes");
        profileAllocations = Map.copyOf(profileAllocations);
        profileAllocations.forEach((c, f) -> Checks.fraction(f, "profile_allocations." + c.configName()));
        var groups = new java.util.LinkedHashMap<String, List<String>>();
        correlationGroups.forEach((name, members) -> groups.put(name, List.copyOf(members)));
        correlationGroups = java.util.Collections.unmodifiableMap(groups);
    }
}
