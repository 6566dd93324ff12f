package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.app.portfolio.source.BotConfig;
import com.portfolioorchestrator.app.portfolio.source.Candle;
import com.portfolioorchestrator.app.portfolio.source.ClosedTrade;
import com.portfolioorchestrator.app.portfolio.source.DailyProfit;
import com.portfolioorchestrator.app.portfolio.source.IbkrAccount;
import com.portfolioorchestrator.app.portfolio.source.IbkrHolding;
import com.portfolioorchestrator.app.portfolio.source.OpenTrade;
import com.portfolioorchestrator.core.Checks;
import com.portfolioorchestrator.core.allocation.Allocation;
import com.portfolioorchestrator.core.allocation.AllocationCalculator;
import com.portfolioorchestrator.core.policy.BotPolicy;
import com.portfolioorchestrator.core.policy.BucketPolicy;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import com.portfolioorchestrator.core.policy.VolatilityPolicy;
import com.portfolioorchestrator.core.regime.VolatilityZScores;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds {@link PortfolioView}s from {@link PortfolioInputs}. Pure: no I/O and no clock; time is the {@code at} of
 * each call. It keeps the state that spans views (closed-trade marks, start-of-day equity, last known equity per
 * source, hourly unrealised-PnL samples, the merged candle history) and is therefore used by one thread at a time
 * (the poller calls it under its lock).
 *
 * <p>Unknown is not zero: a bot whose equity was never computable is left out of the total and makes the view
 * incomplete; afterwards its last computed equity is used while it is stale.
 */
public final class PortfolioViewBuilder {
    /** 7 days of hourly PnL (PRODUCT.md 5.3 correlation window). */
    public static final int HOURLY_PNL_HOURS = 7 * 24;
    /** 20 complete days of daily returns (PRODUCT.md 5.1 EWMA span). */
    public static final int DAILY_RETURN_DAYS = 20;
    /** The bot id of IBKR positions. */
    public static final String IBKR_ID = "IBKR";

    private static final Duration SAMPLE_RETENTION = Duration.ofDays(8);

    private final RiskPolicy policy;
    private final PortfolioSettings settings;
    private final int candlesNeeded;
    private final Duration candleLength;
    private ClosedTradeMarks marks;
    private Optional<DayStart> dayStart;
    private final Map<String, Double> lastEquity = new HashMap<>();
    private OptionalDouble lastIbkrEquity = OptionalDouble.empty();
    private Instant lastCompleteAt;
    private double lastCompleteEquity;
    /** bot id -> (UTC hour index -> the open trades' unrealised PnL last seen in that hour, base currency). */
    private final Map<String, TreeMap<Long, Double>> unrealisedByHour = new HashMap<>();
    private final TreeMap<Instant, Candle> candles = new TreeMap<>();

    public PortfolioViewBuilder(RiskPolicy policy, PortfolioSettings settings, HistorySeed seed) {
        this.policy = Checks.notNull(policy, "policy");
        this.settings = Checks.notNull(settings, "settings");
        Checks.notNull(seed, "seed");
        this.marks = seed.closedTradeMarks();
        this.dayStart = seed.dayStart().map(d -> new DayStart(d.day(), d.equityBase(), DayPnl.Source.SEEDED));
        this.candleLength = timeframe(policy.volatility().timeframe());
        this.candlesNeeded = candlesNeeded(policy.volatility());
        seed.volatilityCandles().forEach(c -> candles.put(c.openTime(), c));
    }

    /**
     * Candles the z-score needs for a full window: {@code atr_period + zscore_window_d x candles per day + 1}
     * (735 for 14, 30 days and 1 h).
     */
    public static int candlesNeeded(VolatilityPolicy volatility) {
        long perDay = Duration.ofDays(1).toMillis() / timeframe(volatility.timeframe()).toMillis();
        return Math.toIntExact(volatility.atrPeriod() + volatility.zscoreWindowD() * perDay + 1);
    }

    /** The closed-trade marks after the last view (persist them). */
    public ClosedTradeMarks closedTradeMarks() {
        return marks;
    }

    /** The start-of-day equity in use (persist it). */
    public Optional<DayStart> dayStart() {
        return dayStart;
    }

    /** The merged candle history the z-scores are computed from, oldest first (persist it). */
    public List<Candle> volatilityCandles() {
        return List.copyOf(candles.values());
    }

    /** Builds the view at {@code at} and advances the state (marks, day start, samples). */
    public PortfolioView build(PortfolioInputs inputs, Instant at) {
        Checks.notNull(inputs, "inputs");
        Checks.notNull(at, "at");
        Instant midnight = at.truncatedTo(ChronoUnit.DAYS);
        LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);

        List<BotStatus> statuses = new ArrayList<>();
        List<PositionSnapshot> positions = new ArrayList<>();
        List<ClosedTradeSnapshot> fresh = new ArrayList<>();
        Map<String, DoubleSeries> hourly = new LinkedHashMap<>();
        Map<String, DoubleSeries> dailyByStrategy = new LinkedHashMap<>();
        Map<String, Integer> closedCounts = new LinkedHashMap<>();
        Map<String, StrategyEdge> edges = new LinkedHashMap<>();
        boolean complete = true;
        boolean allStale = !inputs.bots().isEmpty();
        double equity = 0;
        double realisedToday = 0;
        double unrealisedNow = 0;

        for (BotData bot : inputs.bots()) {
            String id = bot.botId();
            List<String> reasons = new ArrayList<>();
            double rate = stakeRate(bot);
            if (Double.isNaN(rate)) {
                reasons.add("no stake_currency_rates entry for stake currency " + stakeCurrency(bot).orElse("(unknown)"));
            }
            freshness(bot, at, reasons);
            OptionalDouble equityNow = equity(bot, rate, reasons);
            equityNow.ifPresent(e -> lastEquity.put(id, e));
            Double known = lastEquity.get(id);
            if (known != null) {
                equity += known;
            }
            if (known == null || bot.config().isEmpty() || bot.guardPolledAt().isEmpty()) {
                complete = false;
            }
            boolean stale = !reasons.isEmpty();
            allStale &= stale;
            statuses.add(new BotStatus(id, stale, stale ? Optional.of(String.join("; ", reasons)) : Optional.empty(),
                    bot.guardPolledAt(), known == null ? OptionalDouble.empty() : OptionalDouble.of(known)));

            if (!Double.isNaN(rate)) {
                if (bot.guardPolledAt().isPresent()) {
                    for (OpenTrade trade : bot.openTrades()) {
                        positions.add(position(id, trade, rate));
                    }
                    double unrealised = unrealised(bot) * rate;
                    unrealisedNow += unrealised;
                    unrealisedByHour.computeIfAbsent(id, k -> new TreeMap<>()).put(hourIndex(at), unrealised);
                }
                fresh.addAll(newClosedTrades(bot, rate));
                for (ClosedTrade t : bot.closedTrades()) {
                    if (!t.closeTime().isBefore(midnight) && !t.closeTime().isAfter(at)) {
                        realisedToday += t.profitAbs() * rate;
                    }
                }
                bot.profit().ifPresent(p -> {
                    closedCounts.put(id, p.closedTradeCount());
                    edges.put(id, new StrategyEdge(p.expectancyRatio(), scale(p.expectancy(), rate), p.closedTradeCount()));
                });
            }
            hourly.put(id, DoubleSeries.of(hourlyPnl(bot, Double.isNaN(rate) ? 0.0 : rate, at)));
            if (!bot.daily().isEmpty()) {
                dailyByStrategy.put(id, DoubleSeries.of(dailyReturns(bot.daily(), today)));
            }
        }
        pruneSamples(at);

        boolean inMaintenance = policy.ibkr().maintenanceWindows().stream().anyMatch(w -> w.contains(at));
        Optional<IbkrStatus> ibkr = Optional.empty();
        if (settings.ibkrEnabled()) {
            ibkr = ibkrStatus(inputs.ibkr(), at, inMaintenance, positions);
            if (lastIbkrEquity.isPresent()) {
                equity += lastIbkrEquity.getAsDouble();
            } else {
                complete = false;
            }
        }

        fresh.sort(Comparator.comparing(ClosedTradeSnapshot::closeTime).thenComparing(ClosedTradeSnapshot::botId)
                .thenComparingLong(ClosedTradeSnapshot::tradeId));
        // only a complete view reaches the engine, so only a complete view advances the marks: an incomplete one
        // shows the same trades again next time
        ClosedTradeMarks after = marks;
        for (ClosedTradeSnapshot t : fresh) {
            ClosedTradeMark current = after.find(t.botId()).orElse(null);
            if (current == null || t.mark().compareTo(current) > 0) {
                after = after.with(t.botId(), t.mark());
            }
        }
        if (complete) {
            marks = after;
        }

        DayPnl dayPnl = dayPnl(today, midnight, equity, realisedToday, unrealisedNow, complete);
        if (complete) {
            lastCompleteAt = at;
            lastCompleteEquity = equity;
        }

        Map<String, DoubleSeries> dailyByBucket = bucketReturns(inputs, today);
        Map<String, double[]> strategyArrays = new LinkedHashMap<>();
        dailyByStrategy.forEach((k, v) -> strategyArrays.put(k, v.values()));
        Map<String, double[]> bucketArrays = new LinkedHashMap<>();
        dailyByBucket.forEach((k, v) -> bucketArrays.put(k, v.values()));
        Allocation allocation = AllocationCalculator.compute(policy, bucketArrays, strategyArrays, closedCounts,
                Set.of(), policy.profile(policy.activeProfile()).strategyCap(), at);

        CandleSeries volatility = volatility(inputs.volatilityCandles(), at);
        Optional<String> staleReason = allStale ? Optional.of("every bot is stale") : Optional.empty();
        return new PortfolioView(at, complete, allStale, staleReason, at.plus(settings.riskStaleAfter()),
                policy.baseCurrency(), statuses, equity, dayPnl, positions, fresh, after, hourly, dailyByStrategy,
                dailyByBucket, closedCounts, edges, volatility, ibkr, inMaintenance, allocation);
    }

    // ------------------------------------------------------------------ bots

    private void freshness(BotData bot, Instant at, List<String> reasons) {
        String failure = bot.lastFailure().map(f -> " (last failure: " + f + ")").orElse("");
        if (bot.guardPolledAt().isEmpty()) {
            reasons.add("never polled successfully" + failure);
        } else {
            Duration age = Duration.between(bot.guardPolledAt().get(), at);
            if (age.compareTo(settings.guardStaleAfter()) > 0) {
                reasons.add("no successful poll for " + age.toSeconds() + " s (limit "
                        + settings.guardStaleAfter().toSeconds() + " s)" + failure);
            }
            if (bot.heartbeat().isEmpty()) {
                reasons.add("no heartbeat yet (/health last_process is null)");
            } else {
                Duration beat = Duration.between(bot.heartbeat().get(), at);
                if (beat.compareTo(settings.heartbeatMaxAge()) > 0) {
                    reasons.add("heartbeat " + beat.toSeconds() + " s old (limit "
                            + settings.heartbeatMaxAge().toSeconds() + " s)");
                }
            }
        }
        if (bot.config().isEmpty()) {
            reasons.add("no /show_config yet");
        }
        if (bot.balancePolledAt().isEmpty()) {
            reasons.add("no /balance yet");
        } else {
            Duration age = Duration.between(bot.balancePolledAt().get(), at);
            if (age.compareTo(settings.riskStaleAfter()) > 0) {
                reasons.add("balance " + age.toSeconds() + " s old (limit " + settings.riskStaleAfter().toSeconds() + " s)");
            }
        }
    }

    /** total_bot (+ open trades' total_profit_abs for futures) x rate; empty (with a reason) when not computable now. */
    private static OptionalDouble equity(BotData bot, double rate, List<String> reasons) {
        if (bot.balance().isEmpty() || bot.config().isEmpty() || Double.isNaN(rate)) {
            return OptionalDouble.empty();
        }
        double stake = bot.balance().get().totalBot();
        if (bot.config().get().isFutures()) {
            if (bot.guardPolledAt().isEmpty()) {
                return OptionalDouble.empty();
            }
            for (OpenTrade t : bot.openTrades()) {
                if (t.totalProfitAbs().isEmpty()) {
                    reasons.add("unrealised PnL of trade " + t.tradeId() + " is unknown (total_profit_abs null)");
                    return OptionalDouble.empty();
                }
                stake += t.totalProfitAbs().getAsDouble();
            }
        }
        if (stake < 0) {
            reasons.add("equity is negative (" + stake + ")");
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(stake * rate);
    }

    /** Σ open trades' total_profit_abs (unknown ones count 0), stake currency. */
    private static double unrealised(BotData bot) {
        double sum = 0;
        for (OpenTrade t : bot.openTrades()) {
            sum += t.totalProfitAbs().orElse(0.0);
        }
        return sum;
    }

    private static Optional<String> stakeCurrency(BotData bot) {
        return bot.balance().map(b -> b.stakeCurrency()).or(() -> bot.config().map(BotConfig::stakeCurrency));
    }

    /** Base units per stake unit; NaN when the stake currency or its rate is unknown. */
    private double stakeRate(BotData bot) {
        Optional<String> currency = stakeCurrency(bot);
        if (currency.isEmpty()) {
            return bot.balance().isEmpty() && bot.config().isEmpty() ? 1.0 : Double.NaN;
        }
        if (currency.get().equals(policy.baseCurrency())) {
            return 1.0;
        }
        Double rate = policy.stakeCurrencyRates().get(currency.get());
        return rate == null ? Double.NaN : rate;
    }

    private PositionSnapshot position(String botId, OpenTrade t, double rate) {
        double mark = t.markPrice();
        double notional = t.amount() * mark * rate;
        OptionalDouble stop = t.stopLossAbs();
        StopSource source = StopSource.TRADE_STOP;
        if (stop.isEmpty() && t.stoplossCurrentDist().isPresent() && t.currentRate().isPresent()) {
            double derived = t.currentRate().getAsDouble() + t.stoplossCurrentDist().getAsDouble();
            if (derived > 0) {
                stop = OptionalDouble.of(derived);
                source = StopSource.CURRENT_DISTANCE;
            }
        }
        double risk;
        if (stop.isPresent()) {
            double distance = t.isShort() ? stop.getAsDouble() - mark : mark - stop.getAsDouble();
            risk = t.amount() * Math.max(0.0, distance) * rate;
        } else {
            source = StopSource.CONFIGURED_STOPLOSS;
            double stoploss = policy.findBot(botId).map(BotPolicy::stoploss)
                    .orElseThrow(() -> new IllegalArgumentException("bot " + botId + " is not in the risk policy"));
            risk = notional * stoploss;
        }
        return new PositionSnapshot(botId, t.tradeId(), t.pair(), t.isShort() ? Side.SHORT : Side.LONG,
                t.stakeAmount(), t.leverage(), t.openRate(), stop, source, Optional.of(t.openedAt()), notional,
                OptionalDouble.of(risk));
    }

    private List<ClosedTradeSnapshot> newClosedTrades(BotData bot, double rate) {
        Optional<ClosedTradeMark> mark = marks.find(bot.botId());
        List<ClosedTradeSnapshot> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (ClosedTrade t : bot.closedTrades()) {
            ClosedTradeMark m = new ClosedTradeMark(t.closeTime(), t.tradeId());
            if ((mark.isEmpty() || m.compareTo(mark.get()) > 0) && seen.add(t.tradeId())) {
                out.add(new ClosedTradeSnapshot(bot.botId(), t.tradeId(), t.pair(), t.closeTime(), t.profitRatio(),
                        t.profitAbs() * rate));
            }
        }
        return out;
    }

    private static OptionalDouble scale(OptionalDouble value, double rate) {
        return value.isPresent() ? OptionalDouble.of(value.getAsDouble() * rate) : OptionalDouble.empty();
    }

    // ------------------------------------------------------------------ series

    private static long hourIndex(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), 3600L);
    }

    /** 168 hours ending with the last complete hour before {@code at}: realised by close hour + Δ unrealised. */
    private double[] hourlyPnl(BotData bot, double rate, Instant at) {
        double[] out = new double[HOURLY_PNL_HOURS];
        long end = hourIndex(at); // exclusive: the current, partial hour
        long start = end - HOURLY_PNL_HOURS;
        for (ClosedTrade t : bot.closedTrades()) {
            long h = hourIndex(t.closeTime());
            if (h >= start && h < end) {
                out[(int) (h - start)] += t.profitAbs() * rate;
            }
        }
        TreeMap<Long, Double> samples = unrealisedByHour.get(bot.botId());
        if (samples != null) {
            for (Map.Entry<Long, Double> e : samples.subMap(start, true, end, false).entrySet()) {
                Map.Entry<Long, Double> previous = samples.lowerEntry(e.getKey());
                if (previous != null) {
                    out[(int) (e.getKey() - start)] += e.getValue() - previous.getValue();
                }
            }
        }
        return out;
    }

    private void pruneSamples(Instant at) {
        long oldest = hourIndex(at.minus(SAMPLE_RETENTION));
        for (TreeMap<Long, Double> samples : unrealisedByHour.values()) {
            samples.headMap(oldest).clear();
        }
    }

    /** 20 complete days ending yesterday, oldest first; a day missing from /daily had no closed trade: 0. */
    private static double[] dailyReturns(List<DailyProfit> daily, LocalDate today) {
        Map<LocalDate, DailyProfit> byDate = new HashMap<>();
        daily.forEach(d -> byDate.put(d.date(), d));
        double[] out = new double[DAILY_RETURN_DAYS];
        for (int i = 0; i < DAILY_RETURN_DAYS; i++) {
            DailyProfit d = byDate.get(today.minusDays(DAILY_RETURN_DAYS - i));
            out[i] = d == null ? 0.0 : d.dailyReturn();
        }
        return out;
    }

    private Map<String, DoubleSeries> bucketReturns(PortfolioInputs inputs, LocalDate today) {
        Map<String, BotData> byId = new HashMap<>();
        inputs.bots().forEach(b -> byId.put(b.botId(), b));
        Map<String, DoubleSeries> out = new LinkedHashMap<>();
        for (BucketPolicy bucket : policy.buckets()) {
            double[] profit = new double[DAILY_RETURN_DAYS];
            double[] balance = new double[DAILY_RETURN_DAYS];
            boolean any = false;
            for (String id : bucket.strategies()) {
                BotData bot = byId.get(id);
                if (bot == null || bot.daily().isEmpty()) {
                    continue;
                }
                double rate = stakeRate(bot);
                if (Double.isNaN(rate)) {
                    continue;
                }
                any = true;
                Map<LocalDate, DailyProfit> byDate = new HashMap<>();
                bot.daily().forEach(d -> byDate.put(d.date(), d));
                for (int i = 0; i < DAILY_RETURN_DAYS; i++) {
                    DailyProfit d = byDate.get(today.minusDays(DAILY_RETURN_DAYS - i));
                    if (d != null) {
                        profit[i] += d.absProfit() * rate;
                        balance[i] += d.startingBalance() * rate;
                    }
                }
            }
            if (any) {
                double[] returns = new double[DAILY_RETURN_DAYS];
                for (int i = 0; i < DAILY_RETURN_DAYS; i++) {
                    returns[i] = balance[i] > 0 ? profit[i] / balance[i] : 0.0;
                }
                out.put(bucket.name(), DoubleSeries.of(returns));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ day PnL

    private DayPnl dayPnl(LocalDate today, Instant midnight, double equity, double realisedToday, double unrealisedNow,
                          boolean complete) {
        if (dayStart.isPresent() && dayStart.get().day().equals(today)) {
            DayStart start = dayStart.get();
            return new DayPnl(today, start.equityBase(), equity - start.equityBase(), realisedToday, start.source());
        }
        DayStart start;
        if (lastCompleteAt != null && lastCompleteAt.isBefore(midnight)
                && Duration.between(lastCompleteAt, midnight).compareTo(settings.riskStaleAfter()) <= 0) {
            start = new DayStart(today, lastCompleteEquity, DayPnl.Source.OBSERVED);
        } else {
            start = new DayStart(today, equity - realisedToday - unrealisedNow, DayPnl.Source.RECONSTRUCTED);
        }
        if (complete) {
            dayStart = Optional.of(start); // an incomplete view reconstructs again next time
        }
        return new DayPnl(today, start.equityBase(), equity - start.equityBase(), realisedToday, start.source());
    }

    // ------------------------------------------------------------------ candles

    private CandleSeries volatility(List<Candle> polled, Instant at) {
        polled.forEach(c -> candles.put(c.openTime(), c));
        // closed candles only: a candle is closed once its end has passed
        candles.tailMap(at.minus(candleLength), false).clear();
        while (candles.size() > candlesNeeded) {
            candles.pollFirstEntry();
        }
        int n = candles.size();
        if (n == 0) {
            return CandleSeries.empty();
        }
        List<Instant> times = new ArrayList<>(n);
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        int i = 0;
        for (Candle c : candles.values()) {
            times.add(c.openTime());
            high[i] = c.high();
            low[i] = c.low();
            close[i] = c.close();
            i++;
        }
        double[] z = VolatilityZScores.fromCandles(high, low, close, policy.volatility());
        return new CandleSeries(times, DoubleSeries.of(high), DoubleSeries.of(low), DoubleSeries.of(close),
                DoubleSeries.of(z));
    }

    /** "1h" -> 1 hour, "15m" -> 15 minutes, "1d" -> 1 day. */
    static Duration timeframe(String timeframe) {
        try {
            long amount = Long.parseLong(timeframe.substring(0, timeframe.length() - 1));
            char unit = timeframe.charAt(timeframe.length() - 1);
            Duration d = unit == 'm' ? Duration.ofMinutes(amount) : unit == 'h' ? Duration.ofHours(amount)
                    : unit == 'd' ? Duration.ofDays(amount) : Duration.ZERO;
            if (amount > 0 && !d.isZero() && Duration.ofDays(1).toMillis() % d.toMillis() == 0) {
                return d;
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            // reported below
        }
        throw new IllegalArgumentException("volatility timeframe must divide a day (1m .. 1d), was '" + timeframe + "'");
    }

    // ------------------------------------------------------------------ IBKR

    private Optional<IbkrStatus> ibkrStatus(IbkrData data, Instant at, boolean inMaintenance,
                                            List<PositionSnapshot> positions) {
        if (data.account().isEmpty()) {
            return Optional.empty();
        }
        IbkrAccount account = data.account().get();
        Instant polledAt = data.polledAt().orElseThrow();
        List<String> reasons = new ArrayList<>();
        Duration age = Duration.between(polledAt, at);
        if (age.compareTo(settings.riskStaleAfter()) > 0) {
            reasons.add("no successful IBKR poll for " + age.toSeconds() + " s (limit "
                    + settings.riskStaleAfter().toSeconds() + " s)"
                    + data.lastFailure().map(f -> " (last failure: " + f + ")").orElse(""));
        }
        // base units per account-currency unit
        double toBase = account.accountCurrency().equals(policy.baseCurrency()) ? 1.0
                : 1.0 / account.rateToAccount(policy.baseCurrency());
        if (Double.isNaN(toBase)) {
            reasons.add("no exchange rate from " + account.accountCurrency() + " to " + policy.baseCurrency());
            return Optional.of(new IbkrStatus(true, Optional.of(String.join("; ", reasons)), polledAt, 0, 0, 0,
                    ReconciliationState.HALT, inMaintenance));
        }
        double nav = account.accruedInterest();
        for (Map.Entry<String, Double> cash : account.cashByCurrency().entrySet()) {
            nav += cash.getValue() * account.rateToAccount(cash.getKey());
        }
        for (IbkrHolding h : account.holdings()) {
            double rate = account.rateToAccount(h.currency());
            nav += (h.isFuture() ? h.unrealizedPnl().orElse(0.0) : h.marketValue()) * rate;
            if (h.position() != 0 && !Double.isNaN(rate)) {
                double notional = h.multiplier().isPresent()
                        ? Math.abs(h.position()) * h.multiplier().getAsDouble() * h.marketPrice()
                        : Math.abs(h.marketValue());
                // the engine counts notional = stake x leverage: a futures position's full notional at the mark, in the
                // base currency (its market value is only the unrealised PnL), entered at the mark (no open time known)
                double notionalBase = notional * rate * toBase;
                positions.add(new PositionSnapshot(IBKR_ID, h.conid(), h.description().isBlank() ? Long.toString(h.conid())
                        : h.description(), h.position() < 0 ? Side.SHORT : Side.LONG, notionalBase, 1.0,
                        h.marketPrice(), OptionalDouble.empty(), StopSource.NONE, Optional.empty(), notionalBase,
                        OptionalDouble.empty()));
            }
        }
        double netLiq = account.netLiquidation();
        if (Double.isNaN(nav)) {
            reasons.add("a cash or position currency has no exchange rate in the ledger");
            return Optional.of(new IbkrStatus(true, Optional.of(String.join("; ", reasons)), polledAt, netLiq * toBase,
                    0, 0, ReconciliationState.HALT, inMaintenance));
        }
        double ratio = netLiq > 0 ? Math.abs(nav - netLiq) / netLiq : 1.0;
        ReconciliationState state = netLiq > 0 ? ReconciliationState.of(ratio, policy.ibkr().reconciliationHalt(),
                policy.ibkr().reconciliationEmergency()) : ReconciliationState.EMERGENCY;
        if (netLiq >= 0) {
            lastIbkrEquity = OptionalDouble.of(netLiq * toBase);
        }
        boolean stale = !reasons.isEmpty();
        return Optional.of(new IbkrStatus(stale, stale ? Optional.of(String.join("; ", reasons)) : Optional.empty(),
                polledAt, netLiq * toBase, nav * toBase, ratio, state, inMaintenance));
    }
}
