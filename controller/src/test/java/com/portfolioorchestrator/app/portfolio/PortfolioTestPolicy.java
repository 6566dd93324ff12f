package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.core.policy.AllocationPolicy;
import com.portfolioorchestrator.core.policy.AssetCapPolicy;
import com.portfolioorchestrator.core.policy.AssetClass;
import com.portfolioorchestrator.core.policy.BotPolicy;
import com.portfolioorchestrator.core.policy.BucketPolicy;
import com.portfolioorchestrator.core.policy.CorrelationPolicy;
import com.portfolioorchestrator.core.policy.DailyLossPolicy;
import com.portfolioorchestrator.core.policy.DrawdownPolicy;
import com.portfolioorchestrator.core.policy.FundingPolicy;
import com.portfolioorchestrator.core.policy.GuardPolicy;
import com.portfolioorchestrator.core.policy.IbkrRiskPolicy;
import com.portfolioorchestrator.core.policy.LossStreakPolicy;
import com.portfolioorchestrator.core.policy.LossStreakTier;
import com.portfolioorchestrator.core.policy.MaintenanceWindow;
import com.portfolioorchestrator.core.policy.Mode;
import com.portfolioorchestrator.core.policy.NewsShieldPolicy;
import com.portfolioorchestrator.core.policy.PortfolioManagerPolicy;
import com.portfolioorchestrator.core.policy.Profile;
import com.portfolioorchestrator.core.policy.ProfileName;
import com.portfolioorchestrator.core.policy.RateLimitPolicy;
import com.portfolioorchestrator.core.policy.RegimeAdjustment;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import com.portfolioorchestrator.core.policy.SafetyPolicy;
import com.portfolioorchestrator.core.policy.Toggles;
import com.portfolioorchestrator.core.policy.VolatilityPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/** The PRODUCT.md section 4 defaults (S1..S7 in four buckets, USD base, USDT = 1.0) for poller and view tests. */
public final class PortfolioTestPolicy {
    public static final List<String> BOTS = List.of("S1", "S2", "S3", "S4", "S5", "S6", "S7");

    private PortfolioTestPolicy() {}

    public static RiskPolicy policy() {
        return policy(List.of("Sun 23:45-Mon 00:45", "daily 22:00-22:15"));
    }

    public static RiskPolicy policy(List<String> maintenanceWindows) {
        List<BucketPolicy> buckets = List.of(
                new BucketPolicy("hft", List.of("S1", "S2"), 0.40, 90, 8, 10),
                new BucketPolicy("mft", List.of("S3", "S4"), 0.40, 180, 15, 20),
                new BucketPolicy("lft", List.of("S5", "S6"), 0.45, 300, 20, 30),
                new BucketPolicy("event", List.of("S7"), 0.20, 300, 20, 30));
        Map<ProfileName, Profile> profiles = new EnumMap<>(ProfileName.class);
        profiles.put(ProfileName.CONSERVATIVE, new Profile(ProfileName.CONSERVATIVE, 1.5, 6, 0.010, 0.18, 0.8, 0.022));
        profiles.put(ProfileName.BALANCED, new Profile(ProfileName.BALANCED, 2.5, 10, 0.014, 0.18, 1.0, 0.030));
        profiles.put(ProfileName.AGGRESSIVE, new Profile(ProfileName.AGGRESSIVE, 3.5, 14, 0.020, 0.22, 1.2, 0.038));
        List<BotPolicy> bots = new ArrayList<>();
        for (BucketPolicy bucket : buckets) {
            for (String id : bucket.strategies()) {
                bots.add(new BotPolicy(id, AssetClass.CRYPTO, bucket.name(), 0.05, false));
            }
        }
        return new RiskPolicy(Mode.PAPER, "USD", profiles, ProfileName.BALANCED, Map.of("USDT", 1.0, "USDC", 1.0), bots,
                buckets, new AllocationPolicy(0.10, 20, 100),
                new AssetCapPolicy(Map.of("BTC", 0.30, "ETH", 0.25, "SOL", 0.18), 0.15, 0.60),
                new CorrelationPolicy(List.of("BTC", "ETH", "SOL"), 24, 5, 0.75, 0.25, 0.90, 0.45, 7, 0.65, 0.80,
                        0.60, 1, 15),
                new DailyLossPolicy(0.02, 2),
                new DrawdownPolicy(0.06, 0.50, 0.09, 24, 0.05, 12),
                new LossStreakPolicy(List.of(new LossStreakTier(4, 90, false), new LossStreakTier(6, 360, false),
                        new LossStreakTier(8, 1440, true)), 2, 0.0005),
                new VolatilityPolicy("S5", "BTC/USDT:USDT", "1h", 14, 30, 1.5, 3, 1.0, 2.2, 1.8,
                        new RegimeAdjustment(0.70, 0.80, 0.80, List.of()),
                        new RegimeAdjustment(0.50, 0.60, 1.0, List.of("S2", "S7"))),
                new GuardPolicy(true, 2, 10, 30, List.of(0.90, 0.75)),
                new FundingPolicy(0.0004, 0.75, 0.0008, 0.0),
                new RateLimitPolicy(3, 10, 20),
                new SafetyPolicy(0.10, 0.50, 0.25),
                new NewsShieldPolicy(5, 3, Set.of("high"), List.of()),
                new PortfolioManagerPolicy(true, 2, 20, OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalInt.empty(), OptionalInt.empty(), Map.of(AssetClass.CRYPTO, 0.25), Map.of()),
                new IbkrRiskPolicy(true, AssetClass.FUTURES,
                        maintenanceWindows.stream().map(MaintenanceWindow::parse).toList(), 0.0025, 0.01),
                Toggles.allOn());
    }

    /** Guard 15 s, risk 60 s, 3 intervals, heartbeat 60 s. */
    public static PortfolioSettings settings(boolean ibkrEnabled) {
        return new PortfolioSettings(Duration.ofSeconds(15), Duration.ofSeconds(60), 3, Duration.ofSeconds(60), ibkrEnabled);
    }
}
