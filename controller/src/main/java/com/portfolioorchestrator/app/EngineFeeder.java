package com.portfolioorchestrator.app;

import com.portfolioorchestrator.app.portfolio.BotStatus;
import com.portfolioorchestrator.app.portfolio.CandleSeries;
import com.portfolioorchestrator.app.portfolio.ClosedTradeSnapshot;
import com.portfolioorchestrator.app.portfolio.PortfolioListener;
import com.portfolioorchestrator.app.portfolio.PortfolioView;
import com.portfolioorchestrator.app.portfolio.PositionSnapshot;
import com.portfolioorchestrator.core.Pair;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.engine.BotHealth;
import com.portfolioorchestrator.core.engine.ClosedTrade;
import com.portfolioorchestrator.core.engine.DecisionEngine;
import com.portfolioorchestrator.core.engine.OpenPosition;
import com.portfolioorchestrator.core.engine.ReconciliationState;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import com.portfolioorchestrator.core.regime.RegimeTracker;
import com.portfolioorchestrator.core.stats.Correlation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds each complete {@link PortfolioView} into the engine (under its lock, through {@link DecisionService}) and
 * publishes {@link Readiness}: equity and day PnL, bot health, open positions per bot (reservations are matched to them
 * by the engine), new closed trades in close order, the allocation, the volatility regime (a {@link RegimeTracker}
 * over the hourly ATR z-scores; the 30 days of candle history replay it exactly after a restart), the mean pairwise
 * correlation of the strategies' hourly PnL, edge scores and the IBKR reconciliation state.
 */
public final class EngineFeeder implements PortfolioListener {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EngineFeeder.class);
    private final DecisionService decisions;
    private final Readiness readiness;
    private final RegimeTracker regime;
    private volatile PortfolioView latest;

    public EngineFeeder(DecisionService decisions, Readiness readiness, RiskPolicy policy) {
        this.decisions = decisions;
        this.readiness = readiness;
        this.regime = new RegimeTracker(policy.volatility(), RegimeTracker.initialState());
    }

    @Override
    public void onPortfolio(PortfolioView view) {
        Instant at = view.at();
        feedRegime(view.volatility());
        double correlation = meanCorrelation(view);
        Map<String, Double> edges = new LinkedHashMap<>();
        view.edges().forEach((strategy, edge) -> edge.expectancyRatio().ifPresent(e -> edges.put(strategy, e)));
        decisions.withEngine(engine -> {
            apply(engine, view, at, correlation, edges);
            return null;
        });
        latest = view;
        List<String> staleBots = new ArrayList<>();
        for (BotStatus b : view.bots()) {
            if (b.stale()) {
                staleBots.add(b.botId());
            }
        }
        readiness.publish(new Readiness.State(view.complete() || readiness.state().hadCompleteView(), view.stale(), at,
                staleBots, view.staleReason().orElse(staleBots.isEmpty() ? "ok" : "stale bots: " + staleBots)));
    }

    private void apply(DecisionEngine engine, PortfolioView view, Instant at, double correlation, Map<String, Double> edges) {
        if (view.totalEquityBase() > 0) {
            engine.onEquity(at, view.totalEquityBase(), view.dayPnl().pnlBase());
        }
        for (BotStatus bot : view.bots()) {
            engine.onBotHealth(bot.botId(), bot.stale() ? BotHealth.STALE : BotHealth.FRESH, at);
            if (!bot.stale()) {
                engine.syncPositions(bot.botId(), positions(view.positionsOf(bot.botId()), at), at);
            }
        }
        view.ibkr().ifPresent(ibkr -> {
            engine.onReconciliation(ReconciliationState.valueOf(ibkr.reconciliation().name()), at);
            if (!ibkr.stale()) {
                engine.syncPositions(DecisionEngine.ACCOUNT_ID, positions(view.positionsOf(DecisionEngine.ACCOUNT_ID), at), at);
            }
        });
        for (ClosedTradeSnapshot t : view.newClosedTrades()) {
            engine.onClosedTrade(new ClosedTrade(t.botId(), Long.toString(t.tradeId()), t.profitRatio(), t.closeTime()));
        }
        engine.onAllocation(view.allocation());
        engine.onRegime(regime.regime(), at);
        if (Double.isFinite(correlation)) {
            engine.onStrategyCorrelation(correlation, at);
        }
        if (!edges.isEmpty()) {
            engine.onEdgeScores(edges);
        }
        engine.onPortfolioStale(view.stale());
    }

    /** A position the core refuses (a corrupt number) is left out and reported, never allowed to drop the whole view. */
    private static List<OpenPosition> positions(List<PositionSnapshot> snapshots, Instant at) {
        List<OpenPosition> out = new ArrayList<>(snapshots.size());
        for (PositionSnapshot p : snapshots) {
            try {
                out.add(new OpenPosition(Long.toString(p.tradeId()), Pair.parse(p.pair()),
                        p.side() == com.portfolioorchestrator.app.portfolio.Side.SHORT ? Side.SHORT : Side.LONG,
                        p.stakeAmount(), Math.max(1.0, p.leverage()), p.openRate(), p.stopPrice(), p.openedAt().orElse(at)));
            } catch (IllegalArgumentException e) {
                LOG.warn("position {} of {} left out of the engine: {}", p.tradeId(), p.botId(), e.getMessage());
            }
        }
        return out;
    }

    /** Hours already seen are ignored by the tracker, so feeding the whole series every cycle is idempotent. */
    private void feedRegime(CandleSeries candles) {
        double[] z = candles.zScores().values();
        for (int i = 0; i < z.length && i < candles.openTimes().size(); i++) {
            if (Double.isFinite(z[i])) {
                regime.onHourlyZ(candles.openTimes().get(i), z[i]);
            }
        }
    }

    private static double meanCorrelation(PortfolioView view) {
        List<double[]> series = new ArrayList<>();
        int length = -1;
        for (var s : view.hourlyPnlByStrategy().values()) {
            double[] v = s.values();
            if (length < 0) {
                length = v.length;
            }
            if (v.length == length && v.length >= 3) {
                series.add(v);
            }
        }
        return series.size() < 2 ? Double.NaN : Correlation.meanPairwise(series.toArray(new double[0][]));
    }

    /** The per-bot part of GET /api/v1/state. */
    public List<Map<String, Object>> bots() {
        PortfolioView v = latest;
        List<Map<String, Object>> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        for (BotStatus b : v.bots()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bot_id", b.botId());
            m.put("stale", b.stale());
            m.put("stale_reason", b.staleReason().orElse(null));
            m.put("last_good_poll", b.lastGoodPoll().map(Instant::toString).orElse(null));
            m.put("equity", b.equityBase().isPresent() ? b.equityBase().getAsDouble() : null);
            m.put("open_positions", v.positionsOf(b.botId()).size());
            out.add(m);
        }
        return out;
    }
}
