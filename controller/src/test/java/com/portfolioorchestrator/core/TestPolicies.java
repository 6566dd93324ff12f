package com.portfolioorchestrator.core;

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
import com.portfolioorchestrator.core.policy.Toggle;
import com.portfolioorchestrator.core.policy.Toggles;
import com.portfolioorchestrator.core.policy.VolatilityPolicy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Test fixture: the shipped defaults of PRODUCT.md section 4 (S1..S7 in the playbook buckets, every toggle on, the
 * seed's correlation groups A..G) with a builder to change one part. Numbers are the seed's, so tests read like it.
 */
public final class TestPolicies {
    private TestPolicies() {}

    public static final Profile CONSERVATIVE = new Profile(ProfileName.CONSERVATIVE, 1.5, 6, 0.008, 0.12, 0.85, 0.022);
    public static final Profile BALANCED = new Profile(ProfileName.BALANCED, 2.5, 10, 0.014, 0.18, 1.0, 0.030);
    public static final Profile AGGRESSIVE = new Profile(ProfileName.AGGRESSIVE, 3.5, 14, 0.021, 0.22, 1.15, 0.038);

    public static RiskPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The seed's groups A..G (M16 section 9). */
    public static Map<String, List<String>> seedGroups() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("A_US_LARGE_CAP", List.of("ES", "SPY", "QQQ", "SPX", "AAPL", "MSFT", "NVDA", "GOOGL", "AMZN", "META"));
        g.put("B_US_SMALL_CAP", List.of("RTY", "IWM"));
        g.put("C_CRYPTO_MAJOR", List.of("BTC", "ETH"));
        g.put("D_CRYPTO_ALT", List.of("SOL", "AVAX", "DOGE"));
        g.put("E_FX_SAFE", List.of("USD/JPY", "USD/CHF", "EUR/USD"));
        g.put("F_FX_CARRY", List.of("AUD/JPY", "NZD/JPY", "USD/MXN", "USD/TRY"));
        g.put("G_ENERGY", List.of("CL", "NG"));
        return g;
    }

    public static Map<AssetClass, Double> seedAllocations() {
        Map<AssetClass, Double> a = new EnumMap<>(AssetClass.class);
        a.put(AssetClass.FUTURES, 0.40);
        a.put(AssetClass.EQUITIES, 0.30);
        a.put(AssetClass.CRYPTO, 0.25);
        a.put(AssetClass.OPTIONS_BUY, 0.20);
        a.put(AssetClass.OPTIONS_SELL, 0.15);
        a.put(AssetClass.FOREX_INTRADAY, 0.20);
        a.put(AssetClass.FOREX_CARRY, 0.15);
        return a;
    }

    public static final class Builder {
        private ProfileName active = ProfileName.BALANCED;
        private Mode mode = Mode.PAPER;
        private final Map<ProfileName, Profile> profiles = new EnumMap<>(ProfileName.class);
        private List<BotPolicy> bots = new ArrayList<>();
        private List<BucketPolicy> buckets = new ArrayList<>();
        private AssetCapPolicy assetCaps = new AssetCapPolicy(Map.of("BTC", 0.30, "ETH", 0.25, "SOL", 0.18), 0.15, 0.60);
        private CorrelationPolicy correlation = new CorrelationPolicy(List.of("BTC", "ETH", "SOL"), 24, 5, 0.75, 0.25,
                0.90, 0.45, 7, 0.65, 0.80, 0.60, 1, 15);
        private DailyLossPolicy dailyLoss = new DailyLossPolicy(0.02, 2);
        private DrawdownPolicy drawdown = new DrawdownPolicy(0.06, 0.50, 0.09, 24, 0.05, 12);
        private LossStreakPolicy lossStreak = new LossStreakPolicy(List.of(new LossStreakTier(4, 90, false),
                new LossStreakTier(6, 360, false), new LossStreakTier(8, 1440, true)), 2, 0.0005);
        private VolatilityPolicy volatility = new VolatilityPolicy("S5", "BTC/USDT:USDT", "1h", 14, 30, 1.5, 3, 1.0, 2.2,
                1.8, new RegimeAdjustment(0.70, 0.80, 0.80, List.of()),
                new RegimeAdjustment(0.50, 0.60, 1.0, List.of("S2", "S7")));
        private GuardPolicy guards = new GuardPolicy(true, 2, 10, 30, List.of(0.90, 0.75));
        private FundingPolicy funding = new FundingPolicy(0.0004, 0.75, 0.0008, 0.0);
        private RateLimitPolicy rateLimits = new RateLimitPolicy(3, 10, 20);
        private SafetyPolicy safety = new SafetyPolicy(0.10, 0.50, 0.25);
        private List<NewsEvent> news = new ArrayList<>();
        private boolean pmEnabled = true;
        private int maxPerGroup = 2;
        private int maxOpenPositions = 20;
        private OptionalDouble globalMaxExposure = OptionalDouble.empty();
        private OptionalDouble globalDailyLoss = OptionalDouble.empty();
        private OptionalInt maxConsecutiveLosses = OptionalInt.empty();
        private OptionalInt cooldownMinutes = OptionalInt.empty();
        private Map<AssetClass, Double> allocations = seedAllocations();
        private Map<String, List<String>> groups = seedGroups();
        private boolean ibkrEnabled;
        private Toggles toggles = Toggles.allOn();
        private Map<String, Double> rates = new LinkedHashMap<>(Map.of("USDT", 1.0, "USDC", 1.0));
        private AllocationPolicy allocation = new AllocationPolicy(0.10, 20, 100);
        private List<MaintenanceWindow> maintenanceWindows = List.of(MaintenanceWindow.parse("Sun 23:45-Mon 00:45"),
                MaintenanceWindow.parse("daily 22:00-22:15"));

        private Builder() {
            profiles.put(ProfileName.CONSERVATIVE, CONSERVATIVE);
            profiles.put(ProfileName.BALANCED, BALANCED);
            profiles.put(ProfileName.AGGRESSIVE, AGGRESSIVE);
            buckets.add(new BucketPolicy("hft", List.of("S1", "S2"), 0.40, 90, 8, 10));
            buckets.add(new BucketPolicy("mft", List.of("S3", "S4"), 0.40, 180, 15, 20));
            buckets.add(new BucketPolicy("lft", List.of("S5", "S6"), 0.45, 300, 20, 30));
            buckets.add(new BucketPolicy("event", List.of("S7"), 0.20, 300, 20, 30));
            for (BucketPolicy b : buckets) {
                for (String s : b.strategies()) {
                    bots.add(new BotPolicy(s, AssetClass.CRYPTO, b.name(), 0.05, false));
                }
            }
        }

        public Builder profile(ProfileName name) {
            active = name;
            return this;
        }

        public Builder profile(Profile p) {
            profiles.put(p.name(), p);
            return this;
        }

        public Builder mode(Mode m) {
            mode = m;
            return this;
        }

        public Builder bots(List<BotPolicy> b) {
            bots = new ArrayList<>(b);
            return this;
        }

        /** Replaces one bot (by id) or adds it. */
        public Builder bot(BotPolicy b) {
            bots.removeIf(x -> x.id().equals(b.id()));
            bots.add(b);
            return this;
        }

        public Builder buckets(List<BucketPolicy> b) {
            buckets = new ArrayList<>(b);
            return this;
        }

        public Builder assetCaps(AssetCapPolicy a) {
            assetCaps = a;
            return this;
        }

        public Builder correlation(CorrelationPolicy c) {
            correlation = c;
            return this;
        }

        public Builder lossStreak(LossStreakPolicy l) {
            lossStreak = l;
            return this;
        }

        public Builder guards(GuardPolicy g) {
            guards = g;
            return this;
        }

        public Builder safety(SafetyPolicy s) {
            safety = s;
            return this;
        }

        public Builder rateLimits(RateLimitPolicy r) {
            rateLimits = r;
            return this;
        }

        public Builder news(NewsEvent... events) {
            news = new ArrayList<>(List.of(events));
            return this;
        }

        public Builder portfolioManager(boolean enabled) {
            pmEnabled = enabled;
            return this;
        }

        public Builder maxOpenPositions(int n) {
            maxOpenPositions = n;
            return this;
        }

        public Builder maxPositionsPerGroup(int n) {
            maxPerGroup = n;
            return this;
        }

        public Builder globalMaxExposure(double pct) {
            globalMaxExposure = OptionalDouble.of(pct);
            return this;
        }

        public Builder globalDailyLossLimit(double pct) {
            globalDailyLoss = OptionalDouble.of(pct);
            return this;
        }

        public Builder m16LossStreak(int losses, int cooldownMin) {
            maxConsecutiveLosses = OptionalInt.of(losses);
            cooldownMinutes = OptionalInt.of(cooldownMin);
            return this;
        }

        public Builder groups(Map<String, List<String>> g) {
            groups = g;
            return this;
        }

        public Builder ibkr(boolean enabled) {
            ibkrEnabled = enabled;
            return this;
        }

        public Builder off(Toggle... off) {
            for (Toggle t : off) {
                toggles = toggles.with(t, false);
            }
            return this;
        }

        public Builder onlyToggles(Toggles t) {
            toggles = t;
            return this;
        }

        public Builder rate(String currency, double rate) {
            rates.put(currency, rate);
            return this;
        }

        public Builder maintenanceWindows(List<String> windows) {
            maintenanceWindows = windows.stream().map(MaintenanceWindow::parse).toList();
            return this;
        }

        public Builder allocation(AllocationPolicy a) {
            allocation = a;
            return this;
        }

        public RiskPolicy build() {
            return new RiskPolicy(mode, "USD", profiles, active, rates, bots, buckets,
                    allocation, assetCaps, correlation, dailyLoss, drawdown, lossStreak,
                    volatility, guards, funding, rateLimits, safety,
                    new NewsShieldPolicy(5, 3, java.util.Set.of("high"), news),
                    new PortfolioManagerPolicy(pmEnabled, maxPerGroup, maxOpenPositions, globalMaxExposure,
                            globalDailyLoss, maxConsecutiveLosses, cooldownMinutes, allocations, groups),
                    new IbkrRiskPolicy(ibkrEnabled, AssetClass.FUTURES, maintenanceWindows, 0.0025, 0.01),
                    toggles);
        }
    }
}
