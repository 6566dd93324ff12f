package com.portfolioorchestrator.core.engine;

import com.portfolioorchestrator.core.TradingState;
import com.portfolioorchestrator.core.policy.ProfileName;
import com.portfolioorchestrator.core.regime.VolatilityRegime;
import java.util.List;
import java.util.Map;

/**
 * {@code risk_state} of {@code GET /api/v1/state} (playbook 5.4): trading state, breakers, streaks and regime. Amounts
 * in the base currency, ratios as fractions (a loss is negative), times epoch ms (-1 none).
 *
 * @param dailyLossRatio      day PnL / start-of-day equity
 * @param dailyHardLimit      the hard limit in force, positive fraction (profile or M16 global_daily_loss_limit)
 * @param hardFrozenToday     the hard limit was hit on the current UTC day
 * @param drawdown            1 - equity / peak
 * @param staleBots           bots whose data is stale (entries denied), sorted
 * @param disabledBreakersUntilMs operator disables still running
 */
public record RiskStateView(TradingState tradingState, boolean killSwitch, String killSwitchReason,
                            ProfileName profile, boolean equityKnown, double equity, double startOfDayEquity,
                            double dailyLossRatio, double dailySoftLimit, double dailyHardLimit,
                            long softFreezeUntilMs, boolean hardFrozenToday, double peakEquity, double drawdown,
                            DrawdownPhase drawdownPhase, long drawdownPauseUntilMs, int consecutiveLosses,
                            long lossStreakCooldownUntilMs, VolatilityRegime regime, long regimeSinceMs,
                            ReconciliationState reconciliation, boolean portfolioStale, List<String> staleBots,
                            Map<Breaker, Long> disabledBreakersUntilMs) {
    public RiskStateView {
        staleBots = List.copyOf(staleBots);
        disabledBreakersUntilMs = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(disabledBreakersUntilMs));
    }
}
