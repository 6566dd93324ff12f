package com.portfolioorchestrator.app.polling;

import com.portfolioorchestrator.app.polling.ports.FreqtradeSource;
import com.portfolioorchestrator.app.polling.ports.IbkrSource;
import com.portfolioorchestrator.app.portfolio.BotData;
import com.portfolioorchestrator.app.portfolio.HistorySeed;
import com.portfolioorchestrator.app.portfolio.IbkrData;
import com.portfolioorchestrator.app.portfolio.PortfolioInputs;
import com.portfolioorchestrator.app.portfolio.PortfolioListener;
import com.portfolioorchestrator.app.portfolio.PortfolioSettings;
import com.portfolioorchestrator.app.portfolio.PortfolioView;
import com.portfolioorchestrator.app.portfolio.PortfolioViewBuilder;
import com.portfolioorchestrator.app.portfolio.source.BotBalance;
import com.portfolioorchestrator.app.portfolio.source.BotConfig;
import com.portfolioorchestrator.app.portfolio.source.BotProfit;
import com.portfolioorchestrator.app.portfolio.source.Candle;
import com.portfolioorchestrator.app.portfolio.source.ClosedTrade;
import com.portfolioorchestrator.app.portfolio.source.DailyProfit;
import com.portfolioorchestrator.app.portfolio.source.IbkrAccount;
import com.portfolioorchestrator.app.portfolio.source.OpenTrade;
import com.portfolioorchestrator.core.Checks;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every bot and the IBKR account and publishes {@link PortfolioView}s (PRODUCT.md 1.1, 5.11).
 *
 * <ul>
 *   <li><b>Guard cycle</b> ({@code guard_cycle_s}): {@code /status} and {@code /health} of every bot.</li>
 *   <li><b>Risk cycle</b> ({@code risk_cycle_s}): {@code /show_config}, {@code /balance}, {@code /profit},
 *       {@code /daily}, new closed trades, the volatility source's candles, and the IBKR account. A bot's first risk
 *       poll is its bootstrap: 21 days of {@code /daily}, 7 days of closed trades, {@link PortfolioViewBuilder#candlesNeeded}
 *       candles; it is repeated on later cycles until it succeeds.</li>
 * </ul>
 * Bots are polled concurrently, one task per bot on a small fixed pool per cycle kind. A cycle waits for its tasks at
 * most one interval; a task still running then is left to finish (each HTTP call is bounded by the client's read
 * timeout and retries) and that bot is skipped by later cycles of the same kind until it has, so a slow or dead bot
 * never delays the others and is never polled twice at once. Every call is tried on its own: a failing endpoint keeps
 * its previous good data and records the failure. After each cycle the view is rebuilt from the latest good data and,
 * when complete, handed to the listeners.
 *
 * <p>Thread-safe; the Quartz jobs of {@code schedule} call the cycles.
 */
public final class PortfolioPoller implements AutoCloseable {
    /** /daily days fetched: today (partial) + 20 complete days. */
    public static final int DAILY_DAYS = PortfolioViewBuilder.DAILY_RETURN_DAYS + 1;
    /** Closed trades kept for day PnL and the hourly series. */
    public static final Duration CLOSED_TRADE_HISTORY = Duration.ofDays(8);
    /** Closed trades bootstrapped at start (the hourly series' 7 days). */
    public static final Duration BOOTSTRAP_TRADES = Duration.ofDays(7);
    static final int FIRST_TRADES_PAGE = 50;
    static final int MAX_TRADES_FETCH = 5000;
    /** Candles fetched on later risk cycles: the builder merges them into its history. */
    static final int CANDLE_REFRESH = 48;

    private static final Logger LOG = LoggerFactory.getLogger(PortfolioPoller.class);

    private final RiskPolicy policy;
    private final PortfolioSettings settings;
    private final Map<String, FreqtradeSource> bots = new LinkedHashMap<>();
    private final Optional<IbkrSource> ibkr;
    private final Clock clock;
    private final PortfolioViewBuilder builder;
    private final ExecutorService guardPool;
    private final ExecutorService riskPool;
    private final Map<String, Future<?>> guardInFlight = new ConcurrentHashMap<>();
    private final Map<String, Future<?>> riskInFlight = new ConcurrentHashMap<>();
    private final List<PortfolioListener> listeners = new CopyOnWriteArrayList<>();

    private final Object lock = new Object();
    private final Map<String, BotState> states = new LinkedHashMap<>(); // guarded by lock
    private List<Candle> candles = List.of();                            // guarded by lock
    private IbkrData ibkrData = IbkrData.none();                         // guarded by lock
    private PortfolioView latest;                                        // guarded by lock

    /** A cycle's outcome per source; {@code view} is the view built after it. */
    public record CycleReport(String cycle, Instant startedAt, List<PollResult> results, PortfolioView view) {
        public CycleReport {
            results = List.copyOf(results);
        }
    }

    /** One source's outcome in a cycle; {@code failure} names every call that failed. */
    public record PollResult(String sourceId, boolean success, Optional<String> failure) {}

    /**
     * @param bots  one source per configured bot, in config order
     * @param ibkr  present when {@code [ibkr] enabled}
     * @param seed  stored history from the previous run ({@link HistorySeed#empty()} on a first start)
     */
    public PortfolioPoller(RiskPolicy policy, PortfolioSettings settings, List<FreqtradeSource> bots,
                           Optional<IbkrSource> ibkr, HistorySeed seed, Clock clock) {
        this.policy = Checks.notNull(policy, "policy");
        this.settings = Checks.notNull(settings, "settings");
        this.ibkr = Checks.notNull(ibkr, "ibkr");
        this.clock = Checks.notNull(clock, "clock");
        if (settings.ibkrEnabled() != ibkr.isPresent()) {
            throw new IllegalArgumentException("an IBKR source is given exactly when IBKR is enabled");
        }
        for (FreqtradeSource bot : bots) {
            if (this.bots.put(bot.botId(), bot) != null) {
                throw new IllegalArgumentException("bot " + bot.botId() + " is given twice");
            }
            states.put(bot.botId(), new BotState(bot.botId()));
        }
        this.builder = new PortfolioViewBuilder(policy, settings, Checks.notNull(seed, "seed"));
        this.guardPool = Executors.newFixedThreadPool(Math.max(1, bots.size()), threads("poll-guard"));
        this.riskPool = Executors.newFixedThreadPool(bots.size() + 1, threads("poll-risk"));
    }

    public void addListener(PortfolioListener listener) {
        listeners.add(Checks.notNull(listener, "listener"));
    }

    /** The last view built (complete or not); empty before the first cycle. */
    public Optional<PortfolioView> latestView() {
        synchronized (lock) {
            return Optional.ofNullable(latest);
        }
    }

    /** What to store so that a restart resumes the closed-trade stream, the day's start and the candle history. */
    public HistorySeed historySnapshot() {
        synchronized (lock) {
            return new HistorySeed(builder.closedTradeMarks(), builder.dayStart(), builder.volatilityCandles());
        }
    }

    /** The guard cycle: {@code /status} and {@code /health} of every bot. */
    public CycleReport runGuardCycle() {
        Instant started = clock.instant();
        Map<String, Supplier<PollResult>> tasks = new LinkedHashMap<>();
        bots.values().forEach(bot -> tasks.put(bot.botId(), () -> guardPoll(bot)));
        List<PollResult> results = run("guard", tasks, guardPool, guardInFlight, settings.guardInterval());
        return new CycleReport("guard", started, results, publish());
    }

    /** The risk cycle: config, balance, profit, daily, closed trades, candles of every bot, and the IBKR account. */
    public CycleReport runRiskCycle() {
        Instant started = clock.instant();
        Map<String, Supplier<PollResult>> tasks = new LinkedHashMap<>();
        bots.values().forEach(bot -> tasks.put(bot.botId(), () -> riskPoll(bot)));
        ibkr.ifPresent(source -> tasks.put(PortfolioViewBuilder.IBKR_ID, () -> ibkrPoll(source)));
        List<PollResult> results = run("risk", tasks, riskPool, riskInFlight, settings.riskInterval());
        return new CycleReport("risk", started, results, publish());
    }

    /** Keeps the IBKR gateway session alive (every 60 s); does nothing when IBKR is disabled. */
    public PollResult tickleIbkr() {
        if (ibkr.isEmpty()) {
            return new PollResult(PortfolioViewBuilder.IBKR_ID, true, Optional.empty());
        }
        try {
            ibkr.get().tickle();
            return new PollResult(PortfolioViewBuilder.IBKR_ID, true, Optional.empty());
        } catch (RuntimeException e) {
            LOG.warn("IBKR tickle failed: {}", e.getMessage());
            return new PollResult(PortfolioViewBuilder.IBKR_ID, false, Optional.of("tickle: " + e.getMessage()));
        }
    }

    @Override
    public void close() {
        guardPool.shutdownNow();
        riskPool.shutdownNow();
    }

    // ------------------------------------------------------------------ cycle plumbing

    private List<PollResult> run(String cycle, Map<String, Supplier<PollResult>> tasks, ExecutorService pool,
                                 Map<String, Future<?>> inFlight, Duration interval) {
        long deadline = System.nanoTime() + interval.toNanos();
        Map<String, Future<PollResult>> submitted = new LinkedHashMap<>();
        List<PollResult> results = new ArrayList<>();
        for (Map.Entry<String, Supplier<PollResult>> task : tasks.entrySet()) {
            Future<?> previous = inFlight.get(task.getKey());
            if (previous != null && !previous.isDone()) {
                results.add(failed(task.getKey(), "the previous " + cycle + " poll is still running"));
                continue;
            }
            Future<PollResult> future = pool.submit(task.getValue()::get);
            inFlight.put(task.getKey(), future);
            submitted.put(task.getKey(), future);
        }
        for (Map.Entry<String, Future<PollResult>> e : submitted.entrySet()) {
            try {
                results.add(e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException timeout) {
                results.add(failed(e.getKey(), cycle + " poll still running after " + interval.toMillis() + " ms"));
            } catch (ExecutionException | CancellationException failure) {
                results.add(failed(e.getKey(), cycle + " poll failed: " + failure));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                results.add(failed(e.getKey(), cycle + " cycle interrupted"));
            }
        }
        return results;
    }

    private PortfolioView publish() {
        synchronized (lock) {
            List<BotData> data = new ArrayList<>();
            states.values().forEach(s -> data.add(s.snapshot()));
            PortfolioView view = builder.build(new PortfolioInputs(data, candles, ibkrData), clock.instant());
            latest = view;
            if (view.complete()) {
                for (PortfolioListener listener : listeners) {
                    try {
                        listener.onPortfolio(view);
                    } catch (RuntimeException e) {
                        LOG.error("portfolio listener {} failed", listener, e);
                    }
                }
            }
            return view;
        }
    }

    private static PollResult failed(String id, String why) {
        return new PollResult(id, false, Optional.of(why));
    }

    // ------------------------------------------------------------------ polls

    private PollResult guardPoll(FreqtradeSource bot) {
        Calls calls = new Calls(bot.botId());
        Optional<List<OpenTrade>> open = calls.attempt("status", bot::openTrades);
        Optional<Optional<Instant>> heartbeat = calls.attempt("health", bot::heartbeat);
        Instant at = clock.instant();
        synchronized (lock) {
            BotState state = states.get(bot.botId());
            open.ifPresent(o -> state.openTrades = o);
            heartbeat.ifPresent(h -> state.heartbeat = h);
            if (open.isPresent() && heartbeat.isPresent()) {
                state.guardPolledAt = Optional.of(at);
            }
            calls.record(state);
        }
        return calls.result();
    }

    private PollResult riskPoll(FreqtradeSource bot) {
        Calls calls = new Calls(bot.botId());
        boolean bootstrap;
        synchronized (lock) {
            bootstrap = !states.get(bot.botId()).bootstrapped;
        }
        Optional<BotConfig> config = calls.attempt("show_config", bot::showConfig);
        Optional<BotBalance> balance = calls.attempt("balance", bot::balance);
        Optional<BotProfit> profit = calls.attempt("profit", bot::profit);
        Optional<List<DailyProfit>> daily = calls.attempt("daily", () -> bot.daily(DAILY_DAYS));
        Optional<List<ClosedTrade>> closed = calls.attempt("trades", () -> closedTrades(bot, bootstrap));
        Optional<List<Candle>> polledCandles = Optional.empty();
        if (bot.botId().equals(policy.volatility().sourceBot())) {
            int limit = bootstrap ? PortfolioViewBuilder.candlesNeeded(policy.volatility()) : CANDLE_REFRESH;
            polledCandles = calls.attempt("pair_candles",
                    () -> bot.candles(policy.volatility().pair(), policy.volatility().timeframe(), limit));
        }
        Instant at = clock.instant();
        synchronized (lock) {
            BotState state = states.get(bot.botId());
            config.ifPresent(c -> state.config = Optional.of(c));
            balance.ifPresent(b -> {
                state.balance = Optional.of(b);
                state.balancePolledAt = Optional.of(at);
            });
            profit.ifPresent(p -> state.profit = Optional.of(p));
            daily.ifPresent(d -> state.daily = d);
            closed.ifPresent(list -> {
                list.forEach(t -> state.closedTrades.put(t.tradeId(), t));
                state.closedTrades.values().removeIf(t -> t.closeTime().isBefore(at.minus(CLOSED_TRADE_HISTORY)));
            });
            polledCandles.ifPresent(c -> candles = c);
            if (bootstrap && daily.isPresent() && closed.isPresent()
                    && (polledCandles.isPresent() || !bot.botId().equals(policy.volatility().sourceBot()))) {
                state.bootstrapped = true;
            }
            calls.record(state);
        }
        return calls.result();
    }

    /**
     * Only the new closed trades: the newest {@value #FIRST_TRADES_PAGE} first, then four times as many while none of
     * them was known yet (bootstrap: while the oldest still closed within 7 days), up to {@value #MAX_TRADES_FETCH}.
     */
    private List<ClosedTrade> closedTrades(FreqtradeSource bot, boolean bootstrap) {
        Instant horizon = clock.instant().minus(BOOTSTRAP_TRADES);
        int count = FIRST_TRADES_PAGE;
        while (true) {
            List<ClosedTrade> page = bot.newestClosedTrades(count);
            boolean more;
            if (bootstrap) {
                more = page.stream().allMatch(t -> t.closeTime().isAfter(horizon));
            } else {
                synchronized (lock) {
                    Map<Long, ClosedTrade> known = states.get(bot.botId()).closedTrades;
                    more = page.stream().noneMatch(t -> known.containsKey(t.tradeId()));
                }
            }
            if (!more || page.size() < count || count >= MAX_TRADES_FETCH) {
                return page;
            }
            count = Math.min(MAX_TRADES_FETCH, count * 4);
        }
    }

    private PollResult ibkrPoll(IbkrSource source) {
        String id = PortfolioViewBuilder.IBKR_ID;
        try {
            IbkrAccount account = source.account();
            Instant at = clock.instant();
            synchronized (lock) {
                ibkrData = new IbkrData(Optional.of(account), Optional.of(at), Optional.empty());
            }
            return new PollResult(id, true, Optional.empty());
        } catch (RuntimeException e) {
            synchronized (lock) {
                ibkrData = new IbkrData(ibkrData.account(), ibkrData.polledAt(), Optional.of(e.getMessage()));
            }
            LOG.warn("IBKR poll failed: {}", e.getMessage());
            return failed(id, "account: " + e.getMessage());
        }
    }

    /** The calls of one bot task: each tried on its own, failures collected. */
    private static final class Calls {
        private final String botId;
        private final List<String> failures = new ArrayList<>();
        private boolean anySuccess;

        Calls(String botId) {
            this.botId = botId;
        }

        <T> Optional<T> attempt(String what, Supplier<T> call) {
            try {
                T value = call.get();
                anySuccess = true;
                return Optional.of(value);
            } catch (RuntimeException e) { // SourceException, or a bug in a source: never abort the cycle
                failures.add(what + ": " + e.getMessage());
                LOG.debug("bot {} {} failed", botId, what, e);
                return Optional.empty();
            }
        }

        void record(BotState state) {
            if (!failures.isEmpty()) {
                state.lastFailure = Optional.of(String.join("; ", failures));
            } else if (anySuccess) {
                state.lastFailure = Optional.empty();
            }
        }

        PollResult result() {
            return new PollResult(botId, failures.isEmpty(),
                    failures.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", failures)));
        }
    }

    /** Mutable latest-good data of one bot; guarded by the poller's lock. */
    private static final class BotState {
        final String botId;
        Optional<BotConfig> config = Optional.empty();
        Optional<BotBalance> balance = Optional.empty();
        Optional<Instant> balancePolledAt = Optional.empty();
        List<OpenTrade> openTrades = List.of();
        Optional<Instant> guardPolledAt = Optional.empty();
        Optional<Instant> heartbeat = Optional.empty();
        final TreeMap<Long, ClosedTrade> closedTrades = new TreeMap<>();
        List<DailyProfit> daily = List.of();
        Optional<BotProfit> profit = Optional.empty();
        Optional<String> lastFailure = Optional.empty();
        boolean bootstrapped;

        BotState(String botId) {
            this.botId = botId;
        }

        BotData snapshot() {
            return new BotData(botId, config, balance, balancePolledAt, openTrades, guardPolledAt, heartbeat,
                    List.copyOf(closedTrades.values()), daily, profit, lastFailure);
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
