package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every number the decision engine uses, validated and immutable: the core's view of {@code orchestrator.toml} plus
 * the three profiles. Built by the config loader; replay and tests build it directly.
 *
 * @param profiles           all three profiles, so a loss-streak step-down can switch without I/O
 * @param activeProfile      the profile in force at start
 * @param stakeCurrencyRates stake currency to base currency (USDT -> 1.0)
 * @param bots               in config order; the IBKR account is not among them
 * @param buckets            in config order
 */
public record RiskPolicy(Mode mode, String baseCurrency, Map<ProfileName, Profile> profiles, ProfileName activeProfile,
                         Map<String, Double> stakeCurrencyRates, List<BotPolicy> bots, List<BucketPolicy> buckets,
                         AllocationPolicy allocation, AssetCapPolicy assetCaps, CorrelationPolicy correlation,
                         DailyLossPolicy dailyLoss, DrawdownPolicy drawdown, LossStreakPolicy lossStreak,
                         VolatilityPolicy volatility, GuardPolicy guards, FundingPolicy funding,
                         RateLimitPolicy rateLimits, SafetyPolicy safety, NewsShieldPolicy newsShield,
                         PortfolioManagerPolicy portfolioManager, IbkrRiskPolicy ibkr, Toggles toggles) {
    public RiskPolicy {
        Checks.notNull(mode, "mode");
        Checks.notBlank(baseCurrency, "base_currency");
        EnumMap<ProfileName, Profile> p = new EnumMap<>(ProfileName.class);
        p.putAll(profiles);
        for (ProfileName name : ProfileName.values()) {
            if (!p.containsKey(name)) {
                throw new IllegalArgumentException("profiles must contain " + name.configName() + ", had " + p.keySet());
            }
            if (p.get(name).name() != name) {
                throw new IllegalArgumentException("profile under " + name.configName() + " is named " + p.get(name).name());
            }
        }
        profiles = Collections.unmodifiableMap(p);
        Checks.notNull(activeProfile, "profile");
        stakeCurrencyRates = Collections.unmodifiableMap(new LinkedHashMap<>(stakeCurrencyRates));
        bots = List.copyOf(bots);
        buckets = List.copyOf(buckets);
        Checks.notNull(allocation, "allocation");
        Checks.notNull(assetCaps, "asset_caps");
        Checks.notNull(correlation, "correlation");
        Checks.notNull(dailyLoss, "daily_loss");
        Checks.notNull(drawdown, "drawdown");
        Checks.notNull(lossStreak, "loss_streak");
        Checks.notNull(volatility, "volatility");
        Checks.notNull(guards, "guards");
        Checks.notNull(funding, "funding");
        Checks.notNull(rateLimits, "rate_limits");
        Checks.notNull(safety, "safety");
        Checks.notNull(newsShield, "news_shield");
        Checks.notNull(portfolioManager, "portfolio_manager");
        Checks.notNull(ibkr, "ibkr");
        Checks.notNull(toggles, "toggles");
    }

    public Profile profile(ProfileName name) {
        return profiles.get(name);
    }

    public Optional<BotPolicy> findBot(String id) {
        return bots.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    public Optional<BucketPolicy> findBucket(String name) {
        return buckets.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** A copy with other toggles (replay ablation, tests). */
    public RiskPolicy withToggles(Toggles other) {
        return new RiskPolicy(mode, baseCurrency, profiles, activeProfile, stakeCurrencyRates, bots, buckets, allocation,
                assetCaps, correlation, dailyLoss, drawdown, lossStreak, volatility, guards, funding, rateLimits, safety,
                newsShield, portfolioManager, ibkr, other);
    }

    /** A copy with another active profile. */
    public RiskPolicy withActiveProfile(ProfileName other) {
        return new RiskPolicy(mode, baseCurrency, profiles, other, stakeCurrencyRates, bots, buckets, allocation,
                assetCaps, correlation, dailyLoss, drawdown, lossStreak, volatility, guards, funding, rateLimits, safety,
                newsShield, portfolioManager, ibkr, toggles);
    }
}
