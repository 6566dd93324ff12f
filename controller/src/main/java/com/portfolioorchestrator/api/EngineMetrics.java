package com.portfolioorchestrator.api;

import com.portfolioorchestrator.app.DecisionService;
import com.portfolioorchestrator.core.TradingState;
import com.portfolioorchestrator.core.engine.DrawdownPhase;
import com.portfolioorchestrator.core.engine.RiskStateView;
import com.portfolioorchestrator.core.ledger.LedgerTotals;
import com.portfolioorchestrator.core.regime.VolatilityRegime;
import com.portfolioorchestrator.persistence.DecisionLog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of the engine's exposure, risk and breaker states for {@code /metrics}. Each reads the engine's views under its
 * lock when Prometheus scrapes (seconds apart), never on the decision path. Money is in the base currency.
 */
public final class EngineMetrics {
    private EngineMetrics() {}

    public static void register(MeterRegistry registry, DecisionService decisions, DecisionLog log, Clock clock) {
        risk(registry, decisions, clock, "orchestrator_equity", "Portfolio equity E in the base currency", RiskStateView::equity);
        risk(registry, decisions, clock, "orchestrator_drawdown_ratio", "Rolling drawdown from the equity peak, a fraction", RiskStateView::drawdown);
        risk(registry, decisions, clock, "orchestrator_daily_loss_ratio", "Day PnL over start-of-day equity, a fraction (negative is a loss)", RiskStateView::dailyLossRatio);
        risk(registry, decisions, clock, "orchestrator_consecutive_losses", "Closed losing trades in a row, all bots", RiskStateView::consecutiveLosses);
        risk(registry, decisions, clock, "orchestrator_kill_switch", "1 when the kill switch is engaged", r -> r.killSwitch() ? 1 : 0);
        risk(registry, decisions, clock, "orchestrator_portfolio_stale", "1 when the portfolio view is stale", r -> r.portfolioStale() ? 1 : 0);
        for (TradingState s : TradingState.values()) {
            Gauge.builder("orchestrator_trading_state", decisions, d -> d.read(e -> e.tradingState() == s ? 1.0 : 0.0))
                    .description("1 for the current trading state").tag("state", s.name()).register(registry);
        }
        for (DrawdownPhase p : DrawdownPhase.values()) {
            risk(registry, decisions, clock, "orchestrator_drawdown_phase", "1 for the current drawdown breaker phase",
                    r -> r.drawdownPhase() == p ? 1 : 0, "phase", p.name());
        }
        for (VolatilityRegime v : VolatilityRegime.values()) {
            risk(registry, decisions, clock, "orchestrator_volatility_regime", "1 for the current volatility regime",
                    r -> r.regime() == v ? 1 : 0, "regime", v.name());
        }
        risk(registry, decisions, clock, "orchestrator_breaker_active", "1 while a breaker blocks entries",
                r -> r.lossStreakCooldownUntilMs() > clock.millis() ? 1 : 0, "breaker", "loss_streak");
        risk(registry, decisions, clock, "orchestrator_breaker_active", "1 while a breaker blocks entries",
                r -> r.drawdownPhase() == DrawdownPhase.BREAKER ? 1 : 0, "breaker", "drawdown");
        risk(registry, decisions, clock, "orchestrator_breaker_active", "1 while a breaker blocks entries",
                r -> r.softFreezeUntilMs() > clock.millis() ? 1 : 0, "breaker", "daily_loss_soft");
        risk(registry, decisions, clock, "orchestrator_breaker_active", "1 while a breaker blocks entries",
                r -> r.hardFrozenToday() ? 1 : 0, "breaker", "daily_loss_hard");
        exposure(registry, decisions, clock, "orchestrator_gross_exposure", "Notional of positions and reservations, base currency", LedgerTotals::grossNotional);
        exposure(registry, decisions, clock, "orchestrator_risk_at_stop", "Loss at stop of positions and reservations, base currency", LedgerTotals::atRisk);
        Gauge.builder("orchestrator_open_positions", decisions, d -> d.read(e -> e.positions().size()))
                .description("Open positions of all bots and the IBKR account (reservations not included)").register(registry);
        exposure(registry, decisions, clock, "orchestrator_position_slots",
                "Occupied position slots: open positions + reservations of new entries (what max open trades counts)",
                LedgerTotals::openPositions);
        exposure(registry, decisions, clock, "orchestrator_reservations", "Reservations of allowed decisions not yet filled", LedgerTotals::reservations);
        Gauge.builder("orchestrator_gross_capacity", decisions, d -> d.read(e -> e.allocationState(clock.instant()).grossCapacity()))
                .description("Gross capacity C = E x leverage x regime factor, base currency").register(registry);
        Gauge.builder("orchestrator_risk_budget", decisions, d -> d.read(e -> e.allocationState(clock.instant()).riskBudget()))
                .description("The P1 cap after throttle cuts, a fraction of equity").register(registry);
        FunctionCounter.builder("orchestrator_decision_log_dropped", log, DecisionLog::droppedCount)
                .description("Audit records dropped because the log queue was full").register(registry);
        Gauge.builder("orchestrator_decision_log_pending", log, DecisionLog::pendingCount)
                .description("Audit records queued, not yet committed").register(registry);
        FunctionCounter.builder("orchestrator_decision_log_late", log, DecisionLog::lateCount)
                .description("Audit records committed more than " + DecisionLog.LATE_AFTER.toMillis()
                        + " ms after the decision (the log fell behind)")
                .register(registry);
        Gauge.builder("orchestrator_decision_log_lag_seconds", log, l -> l.lastLagNanos() / 1e9)
                .description("Age of the oldest record of the last committed audit batch at its commit")
                .register(registry);
    }

    private static void risk(MeterRegistry registry, DecisionService decisions, Clock clock, String name,
                             String help, ToDoubleFunction<RiskStateView> f, String... tags) {
        Gauge.builder(name, decisions, d -> d.read(e -> f.applyAsDouble(e.riskState(clock.instant()))))
                .description(help).tags(tags).register(registry);
    }

    private static void exposure(MeterRegistry registry, DecisionService decisions, Clock clock, String name,
                                 String help, ToDoubleFunction<LedgerTotals> f) {
        Gauge.builder(name, decisions, d -> d.read(e -> f.applyAsDouble(e.allocationState(clock.instant()).exposure())))
                .description(help).register(registry);
    }
}
