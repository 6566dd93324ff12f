package com.portfolioorchestrator.bench;

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
import com.portfolioorchestrator.core.policy.NewsEvent;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The benchmark's configuration: PRODUCT.md section 4 defaults for S1..S7 with every toggle on (IBKR enabled with its
 * maintenance windows, 40 calendar events, the seed's groups A..G), except max open trades raised to 30 so that 20
 * open positions still leave room for the deny-free path.
 */
final class BenchPolicy {
    private BenchPolicy() {}

    static RiskPolicy build(Instant now) {
        Map<ProfileName, Profile> profiles = new EnumMap<>(ProfileName.class);
        profiles.put(ProfileName.CONSERVATIVE, new Profile(ProfileName.CONSERVATIVE, 1.5, 6, 0.008, 0.12, 0.85, 0.022));
        profiles.put(ProfileName.BALANCED, new Profile(ProfileName.BALANCED, 2.5, 30, 0.014, 0.18, 1.0, 0.030));
        profiles.put(ProfileName.AGGRESSIVE, new Profile(ProfileName.AGGRESSIVE, 3.5, 14, 0.021, 0.22, 1.15, 0.038));
        List<BucketPolicy> buckets = List.of(
                new BucketPolicy("hft", List.of("S1", "S2"), 0.40, 90, 8, 10),
                new BucketPolicy("mft", List.of("S3", "S4"), 0.40, 180, 15, 20),
                new BucketPolicy("lft", List.of("S5", "S6"), 0.45, 300, 20, 30),
                new BucketPolicy("event", List.of("S7"), 0.20, 300, 20, 30));
        List<BotPolicy> bots = new ArrayList<>();
        for (BucketPolicy b : buckets) {
            for (String s : b.strategies()) {
                bots.add(new BotPolicy(s, AssetClass.CRYPTO, b.name(), 0.05, false));
            }
        }
        Map<AssetClass, Double> allocations = new EnumMap<>(AssetClass.class);
        allocations.put(AssetClass.FUTURES, 0.40);
        allocations.put(AssetClass.EQUITIES, 0.30);
        allocations.put(AssetClass.CRYPTO, 0.25);
        allocations.put(AssetClass.OPTIONS_BUY, 0.20);
        allocations.put(AssetClass.OPTIONS_SELL, 0.15);
        allocations.put(AssetClass.FOREX_INTRADAY, 0.20);
        allocations.put(AssetClass.FOREX_CARRY, 0.15);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("A_US_LARGE_CAP", List.of("ES", "SPY", "QQQ", "SPX", "AAPL", "MSFT", "NVDA", "GOOGL", "AMZN", "META"));
        groups.put("B_US_SMALL_CAP", List.of("RTY", "IWM"));
        groups.put("C_CRYPTO_MAJOR", List.of("BTC", "ETH"));
        groups.put("D_CRYPTO_ALT", List.of("SOL", "AVAX", "DOGE"));
        groups.put("E_FX_SAFE", List.of("USD/JPY", "USD/CHF", "EUR/USD"));
        groups.put("F_FX_CARRY", List.of("AUD/JPY", "NZD/JPY", "USD/MXN", "USD/TRY"));
        groups.put("G_ENERGY", List.of("CL", "NG"));
        List<NewsEvent> news = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // every 7 h 13 min from 10 days before to 2 days after: the shield search runs, never blocks the bench
            Instant at = now.minus(Duration.ofDays(400)).plus(Duration.ofMinutes(433L * i));
            news.add(new NewsEvent(at, "event " + i, i % 3 == 0 ? "medium" : "high", List.of(i % 2 == 0 ? "*" : "BTC")));
        }
        return new RiskPolicy(Mode.PAPER, "USD", profiles, ProfileName.BALANCED,
                new LinkedHashMap<>(Map.of("USDT", 1.0, "USDC", 1.0)), bots, buckets,
                new AllocationPolicy(0.10, 20, 100),
                new AssetCapPolicy(Map.of("BTC", 0.30, "ETH", 0.25, "SOL", 0.18), 0.15, 0.60),
                new CorrelationPolicy(List.of("BTC", "ETH", "SOL"), 24, 5, 0.75, 0.25, 0.90, 0.45, 7, 0.65, 0.80, 0.60, 1, 15),
                new DailyLossPolicy(0.02, 2), new DrawdownPolicy(0.06, 0.50, 0.09, 24, 0.05, 12),
                new LossStreakPolicy(List.of(new LossStreakTier(4, 90, false), new LossStreakTier(6, 360, false),
                        new LossStreakTier(8, 1440, true)), 2, 0.0005),
                new VolatilityPolicy("S5", "BTC/USDT:USDT", "1h", 14, 30, 1.5, 3, 1.0, 2.2, 1.8,
                        new RegimeAdjustment(0.70, 0.80, 0.80, List.of()),
                        new RegimeAdjustment(0.50, 0.60, 1.0, List.of("S2", "S7"))),
                new GuardPolicy(true, 2, 10, 30, List.of(0.90, 0.75)),
                new FundingPolicy(0.0004, 0.75, 0.0008, 0.0), new RateLimitPolicy(3, 10, 20),
                new SafetyPolicy(0.10, 0.50, 0.25), new NewsShieldPolicy(5, 3, Set.of("high"), news),
                new PortfolioManagerPolicy(true, 2, 32, OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalInt.empty(), OptionalInt.empty(), allocations, groups),
                new IbkrRiskPolicy(true, AssetClass.FUTURES, List.of(MaintenanceWindow.parse("Sun 23:45-Mon 00:45"),
                        MaintenanceWindow.parse("daily 22:00-22:15")), 0.0025, 0.01),
                Toggles.allOn());
    }
}
