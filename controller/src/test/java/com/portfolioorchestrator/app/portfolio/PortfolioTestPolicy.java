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

    /** The shared test defaults (PRODUCT.md section 4) with IBKR enabled and these maintenance windows. */
    public static RiskPolicy policy(List<String> maintenanceWindows) {
        return com.portfolioorchestrator.core.TestPolicies.builder().ibkr(true).maintenanceWindows(maintenanceWindows).build();
    }

    /** Guard 15 s, risk 60 s, 3 intervals, heartbeat 60 s. */
    public static PortfolioSettings settings(boolean ibkrEnabled) {
        return new PortfolioSettings(Duration.ofSeconds(15), Duration.ofSeconds(60), 3, Duration.ofSeconds(60), ibkrEnabled);
    }
}
