package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.core.Checks;
import com.portfolioorchestrator.core.allocation.Allocation;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One immutable picture of the portfolio, built by {@link PortfolioViewBuilder} from the latest good data of every
 * source and handed to the decision engine through {@link PortfolioListener}. Every amount is in the base currency
 * ({@code baseCurrency}) unless its name says otherwise.
 *
 * @param complete               every enabled source has had at least one good poll: each bot its config, balance and
 *                               guard poll (so its equity is known), and the IBKR account when enabled
 * @param stale                  the view as a whole: every bot is stale. Also use {@link #isStaleAt(Instant)}, which
 *                               adds "no new view for {@code stale_after_intervals} risk intervals"
 * @param freshUntil             {@code at + stale_after_intervals x risk_cycle_s}
 * @param bots                   in config order
 * @param totalEquityBase        E = Σ bots' equity + IBKR net liquidation. A bot (or IBKR) that is stale counts with its
 *                               last good equity; one that never had a known equity is left out, and then
 *                               {@code complete} is false
 * @param positions              open Freqtrade trades (bots in config order, trade id order) then IBKR holdings
 * @param newClosedTrades        trades closed since the previous complete view, each delivered once in complete views
 *                               (an incomplete view does not advance the marks), sorted by close time
 *                               (then bot, then trade id). Bots are polled at different moments, so a later view may
 *                               carry a trade that closed before one already delivered
 * @param closedTradeMarks       the delivery state after this view (persist it; see {@link HistorySeed}); the builder
 *                               adopts it only when the view is complete
 * @param hourlyPnlByStrategy    per strategy (= bot id): 168 hourly PnL values (7 days), oldest first, ending with the
 *                               last complete UTC hour: realised PnL of trades closing in the hour + change of the open
 *                               trades' unrealised PnL since the previous hour it was seen (0 before the first sample)
 * @param dailyReturnsByStrategy per strategy with a {@code /daily} answer: 20 complete UTC days ending yesterday,
 *                               oldest first, {@code abs_profit / starting_balance} of each day
 * @param dailyReturnsByBucket   per bucket: Σ abs_profit / Σ starting_balance of its strategies, per day (base currency)
 * @param closedTradeCounts      per strategy with a {@code /profit} answer: {@code closed_trade_count}
 * @param edges                  per strategy with a {@code /profit} answer
 * @param volatility             closed candles of {@code volatility.source_bot}'s pair and their z-scores
 * @param ibkr                   present once the account has been polled successfully (IBKR enabled)
 * @param inMaintenanceWindow    whether {@code at} is inside one of {@code [ibkr] maintenance_windows}
 * @param allocation             {@code AllocationCalculator.compute} over the daily returns and closed-trade counts with
 *                               the active profile's strategy cap and no disabled bucket (the engine recomputes it
 *                               when breakers disable buckets or the profile changes)
 */
public record PortfolioView(Instant at, boolean complete, boolean stale, Optional<String> staleReason,
                            Instant freshUntil, String baseCurrency, List<BotStatus> bots, double totalEquityBase,
                            DayPnl dayPnl, List<PositionSnapshot> positions, List<ClosedTradeSnapshot> newClosedTrades,
                            ClosedTradeMarks closedTradeMarks, Map<String, DoubleSeries> hourlyPnlByStrategy,
                            Map<String, DoubleSeries> dailyReturnsByStrategy, Map<String, DoubleSeries> dailyReturnsByBucket,
                            Map<String, Integer> closedTradeCounts, Map<String, StrategyEdge> edges,
                            CandleSeries volatility, Optional<IbkrStatus> ibkr, boolean inMaintenanceWindow,
                            Allocation allocation) {
    public PortfolioView {
        Checks.notNull(at, "at");
        Checks.notNull(staleReason, "staleReason");
        if (stale != staleReason.isPresent()) {
            throw new IllegalArgumentException("a stale reason is given exactly when the view is stale");
        }
        Checks.notNull(freshUntil, "freshUntil");
        Checks.notBlank(baseCurrency, "baseCurrency");
        bots = List.copyOf(bots);
        Checks.nonNegative(totalEquityBase, "totalEquityBase");
        Checks.notNull(dayPnl, "dayPnl");
        positions = List.copyOf(positions);
        newClosedTrades = List.copyOf(newClosedTrades);
        Checks.notNull(closedTradeMarks, "closedTradeMarks");
        hourlyPnlByStrategy = copy(hourlyPnlByStrategy, "hourlyPnlByStrategy");
        dailyReturnsByStrategy = copy(dailyReturnsByStrategy, "dailyReturnsByStrategy");
        dailyReturnsByBucket = copy(dailyReturnsByBucket, "dailyReturnsByBucket");
        closedTradeCounts = copy(closedTradeCounts, "closedTradeCounts");
        edges = copy(edges, "edges");
        Checks.notNull(volatility, "volatility");
        Checks.notNull(ibkr, "ibkr");
        Checks.notNull(allocation, "allocation");
    }

    private static <V> Map<String, V> copy(Map<String, V> map, String name) {
        Checks.notNull(map, name);
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Checks.notNull(k, name + " key"), Checks.notNull(v, name + "[" + k + "]")));
        return Collections.unmodifiableMap(copy);
    }

    /** Stale as a whole at {@code now}: {@link #stale()}, or {@code now} is at or after {@link #freshUntil()}. */
    public boolean isStaleAt(Instant now) {
        return stale || !now.isBefore(freshUntil);
    }

    public Optional<BotStatus> findBot(String botId) {
        return bots.stream().filter(b -> b.botId().equals(botId)).findFirst();
    }

    /** Open positions of one bot ("IBKR" for the IBKR holdings). */
    public List<PositionSnapshot> positionsOf(String botId) {
        return positions.stream().filter(p -> p.botId().equals(botId)).toList();
    }

    /** Σ notional of all positions, base currency. */
    public double grossNotionalBase() {
        return positions.stream().mapToDouble(PositionSnapshot::notionalBase).sum();
    }

    /** The z-score of the newest closed candle; empty when there is none or it cannot be computed yet. */
    public OptionalDouble latestZScore() {
        if (volatility.size() == 0 || Double.isNaN(volatility.zScores().last())) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(volatility.zScores().last());
    }
}
