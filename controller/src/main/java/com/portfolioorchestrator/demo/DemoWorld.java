package com.portfolioorchestrator.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's whole simulated world from one seed: the market, seven Freqtrade bots S1..S7 (buckets as in
 * {@code config/orchestrator.toml}: HFT S1-S2, MFT S3-S4, LFT S5-S6, event S7), an IBKR gateway with a micro futures
 * book, and, once the orchestrator is up ({@link #startTrading(String)}), seven strategies asking it for decisions.
 *
 * <p>Time: one clock thread advances the {@link SimulatedClock} by {@code speed} x the elapsed wall time (checked every
 * 50 ms), stepping the market tick by tick so bots see every price; strategies' HTTP calls run on a small worker pool.
 * With speed 0 nothing moves by itself and a test drives the world with {@link #advance(Duration)}.
 *
 * <p>Scripted so the first simulated hours show every breaker: a gentle rise that draws momentum strategies long, then
 * at {@code start + crashAfter} a 3-hour 5x volatility burst with a steep fall in crypto (stops hit, often a loss
 * streak, extreme volatility regime); an hour into it the risk-off reaches the index futures (ES about -2.5 %, NQ about
 * -3.2 % in 15 minutes, half of it back over two hours), so the IBKR book, long MES and MNQ, takes the portfolio
 * through {@code config/demo.toml}'s drawdown breaker whatever the bots did; and a second 3x burst without drift
 * eight hours in. Random 4x bursts come on top (about one every four simulated days).
 */
public final class DemoWorld implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoWorld.class);
    /** Thursday 2026-12-10 12:00 UTC: the CPI release in config/events.json falls 90 minutes in (news shield). */
    public static final Instant DEFAULT_START = Instant.parse("2026-12-10T12:00:00Z");
    public static final int FIRST_BOT_PORT = 18081;
    public static final int IBKR_PORT = 18500;
    public static final String IBKR_ACCOUNT = "U1234567";
    private static final long CLOCK_PERIOD_MS = 50;
    /** When the scripted crash starts after the simulated start, unless {@link Builder#crashAfter} says otherwise. */
    public static final Duration DEFAULT_CRASH_AFTER = Duration.ofMinutes(30);
    /** When, after the crash starts, the risk-off reaches the index futures (13:30 from the default start: US CPI). */
    public static final Duration EQUITY_SHOCK_AFTER = Duration.ofHours(1);
    /** How long the index futures fall: ES about 2.5 %, NQ about 3.2 % at {@link #EQUITY_SHOCK_DRIFT}. */
    public static final Duration EQUITY_SHOCK_LENGTH = Duration.ofMinutes(15);
    private static final double EQUITY_SHOCK_DRIFT = -0.10;
    /** The index futures' own drift for two hours after the shock: back about half of it, net of the crash's pull. */
    private static final double EQUITY_REBOUND_DRIFT = 0.0125;

    /** What the orchestrator's config needs to reach one bot and to recognise its strategy. */
    public record BotEndpoint(String botId, String bucket, String url, String username, String password,
                              String jwtSecret, String token) {
    }

    private final long seed;
    private final double speed;
    private final String runId;
    private final SimulatedClock clock;
    private final MarketSimulator market;
    private final Map<String, SimulatedFreqtradeBot> bots = new LinkedHashMap<>();
    private final Map<String, StrategySpec> strategySpecs = new LinkedHashMap<>();
    private final Map<String, String> buckets = new LinkedHashMap<>();
    private final SimulatedIbkrGateway ibkr;
    private final OkHttpClient http;
    private final boolean ownsHttp;
    private final Duration firstRoundAfter;
    private final List<SimulatedStrategy> strategies = new ArrayList<>();
    private final Map<SimulatedStrategy, AtomicBoolean> busy = new LinkedHashMap<>();
    private ExecutorService workers;
    private Thread clockThread;
    private volatile boolean running;

    private DemoWorld(Builder b) {
        this.seed = b.seed;
        this.speed = b.speed;
        this.runId = b.runId != null ? b.runId : Long.toString(Math.abs(seed), 36) + "-"
                + Long.toString(System.nanoTime() & 0xFFFFFF, 36);
        this.firstRoundAfter = b.firstRoundAfter;
        this.clock = new SimulatedClock(b.start);
        Instant t = b.start;
        Instant crash = t.plus(b.crashAfter);
        List<MarketEvent> events = List.of(
                new MarketEvent(t, b.crashAfter, 1.0, 0.012),
                new MarketEvent(crash, Duration.ofHours(3), 5.0, -0.025),
                new MarketEvent(crash.plus(EQUITY_SHOCK_AFTER), EQUITY_SHOCK_LENGTH, 1.0, 0.0, EQUITY_SHOCK_DRIFT),
                new MarketEvent(crash.plus(EQUITY_SHOCK_AFTER).plus(EQUITY_SHOCK_LENGTH), Duration.ofHours(2), 1.0, 0.0,
                        EQUITY_REBOUND_DRIFT),
                new MarketEvent(t.plus(Duration.ofHours(8)), Duration.ofHours(3), 3.0, 0.0));
        this.market = new MarketSimulator(MarketSettings.defaults(seed, t).withEvents(events));
        market.addTickListener(clock::advanceTo);
        String[][] table = {
                // id, bucket, timeframe, capital, max open trades
                {"S1", "hft", "5m", "5000", "3"}, {"S2", "hft", "5m", "5000", "3"},
                {"S3", "mft", "15m", "10000", "3"}, {"S4", "mft", "1h", "10000", "3"},
                {"S5", "lft", "1h", "15000", "2"}, {"S6", "lft", "4h", "15000", "2"},
                {"S7", "event", "15m", "5000", "2"}};
        for (int i = 0; i < table.length; i++) {
            String[] row = table[i];
            String id = row[0];
            String lower = id.toLowerCase(Locale.ROOT);
            FreqtradeBotSpec spec = new FreqtradeBotSpec(id, "Demo" + capitalise(row[1]) + id, row[2],
                    Double.parseDouble(row[3]), Integer.parseInt(row[4]), -0.1, "freqtrader",
                    "paper-" + lower + "-password", "paper-" + lower + "-jwt-secret",
                    b.fixedPorts ? FIRST_BOT_PORT + i : 0, Duration.ofDays(10 + i));
            SimulatedFreqtradeBot bot = new SimulatedFreqtradeBot(spec, market, clock);
            market.addTickListener(bot::onTick);
            bots.put(id, bot);
            buckets.put(id, row[1]);
            strategySpecs.put(id, defaultStrategy(id));
        }
        this.ibkr = new SimulatedIbkrGateway(IBKR_ACCOUNT, 60_000.0, SimulatedIbkrGateway.defaultBook(market), market,
                clock, b.fixedPorts ? IBKR_PORT : 0);
        this.ownsHttp = b.http == null;
        this.http = b.http != null ? b.http : new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(2))
                .callTimeout(Duration.ofSeconds(3)).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The strategies of S1..S7: cadence, signal style, pairs and sizing per bucket. */
    public static StrategySpec defaultStrategy(String botId) {
        List<String> majors = List.of("BTC/USDT:USDT", "ETH/USDT:USDT", "SOL/USDT:USDT");
        return switch (botId) {
            case "S1" -> new StrategySpec("S1", "hft", Duration.ofMinutes(4), null, StrategySpec.Style.MOMENTUM,
                    Duration.ofMinutes(15), majors, 0.15, 5, 0.010, 1.5, Duration.ofMinutes(45), 0.10, 0.2, 10);
            case "S2" -> new StrategySpec("S2", "hft", Duration.ofMinutes(5), null, StrategySpec.Style.MEAN_REVERSION,
                    Duration.ofMinutes(30), List.of("ETH/USDT:USDT", "XRP/USDT:USDT", "DOGE/USDT:USDT"), 0.15, 5,
                    0.012, 1.2, Duration.ofHours(1), 0.10, 0.2, 10);
            case "S3" -> new StrategySpec("S3", "mft", Duration.ofMinutes(20), null, StrategySpec.Style.MOMENTUM,
                    Duration.ofHours(2), List.of("BTC/USDT:USDT", "ETH/USDT:USDT", "SOL/USDT:USDT", "AVAX/USDT:USDT"),
                    0.20, 3, 0.025, 2, Duration.ofHours(6), 0.05, 0.2, 10);
            case "S4" -> new StrategySpec("S4", "mft", Duration.ofMinutes(25), null, StrategySpec.Style.MEAN_REVERSION,
                    Duration.ofHours(4), List.of("SOL/USDT:USDT", "AVAX/USDT:USDT", "XRP/USDT:USDT"), 0.20, 3, 0.03,
                    1.5, Duration.ofHours(8), 0.05, 0.2, 10);
            case "S5" -> new StrategySpec("S5", "lft", Duration.ofMinutes(90), null, StrategySpec.Style.MOMENTUM,
                    Duration.ofHours(24), List.of("BTC/USDT:USDT", "ETH/USDT:USDT"), 0.25, 3, 0.04, 2.5,
                    Duration.ofHours(48), 0.05, 0.3, 10);
            case "S6" -> new StrategySpec("S6", "lft", Duration.ofHours(2), null, StrategySpec.Style.MEAN_REVERSION,
                    Duration.ofHours(24), List.of("BTC/USDT:USDT", "SOL/USDT:USDT", "DOGE/USDT:USDT"), 0.20, 3, 0.05,
                    2, Duration.ofHours(72), 0.05, 0.3, 10);
            case "S7" -> new StrategySpec("S7", "event", Duration.ofHours(3), Duration.ofMinutes(6),
                    StrategySpec.Style.MOMENTUM, Duration.ofHours(1),
                    List.of("BTC/USDT:USDT", "ETH/USDT:USDT", "SOL/USDT:USDT", "DOGE/USDT:USDT"), 0.30, 5, 0.025, 2,
                    Duration.ofHours(4), 0.10, 0.2, 10);
            default -> throw new IllegalArgumentException("no default strategy for bot '" + botId + "'");
        };
    }

    private static String capitalise(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** Starts the bots' and the gateway's servers and, if speed > 0, the clock thread. */
    public synchronized DemoWorld start() {
        for (SimulatedFreqtradeBot bot : bots.values()) {
            bot.start();
        }
        ibkr.start();
        workers = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "demo-strategy");
            thread.setDaemon(true);
            return thread;
        });
        if (speed > 0) {
            running = true;
            clockThread = new Thread(this::runClock, "demo-clock");
            clockThread.setDaemon(true);
            clockThread.start();
        }
        LOG.info("demo world up: seed {}, speed {}x, simulated start {}, bots {}, IBKR {}", seed, speed,
                clock.instant(), botEndpoints().stream().map(BotEndpoint::url).toList(), ibkr.url());
        return this;
    }

    /**
     * Creates the seven strategies against the orchestrator at {@code orchestratorUrl} with the given bearer tokens
     * (bot id to token; missing ones default to {@code paper-sN-token}, as in config/orchestrator.toml). Their first
     * signals come {@code firstRoundAfter} after now, ten simulated seconds apart.
     */
    public synchronized void startTrading(String orchestratorUrl, Map<String, String> tokens) {
        if (!strategies.isEmpty()) {
            throw new IllegalStateException("strategies are already trading");
        }
        int i = 0;
        for (Map.Entry<String, SimulatedFreqtradeBot> entry : bots.entrySet()) {
            String id = entry.getKey();
            SimulatedStrategy strategy = new SimulatedStrategy(strategySpecs.get(id), entry.getValue(), market, clock,
                    http, orchestratorUrl, token(tokens, id), runId, seed * 31 + i + 1);
            strategy.scheduleFirstSignal(clock.instant().plus(firstRoundAfter).plusSeconds(10L * i));
            strategies.add(strategy);
            busy.put(strategy, new AtomicBoolean());
            i++;
        }
    }

    public void startTrading(String orchestratorUrl) {
        startTrading(orchestratorUrl, Map.of());
    }

    private static String token(Map<String, String> tokens, String id) {
        return tokens.getOrDefault(id, "paper-" + id.toLowerCase(Locale.ROOT) + "-token");
    }

    /**
     * Moves simulated time forward by {@code duration} on the calling thread, running due strategies synchronously.
     * Only when speed is 0 (no clock thread).
     */
    public void advance(Duration duration) {
        if (speed > 0) {
            throw new IllegalStateException("the clock thread drives this world (speed " + speed + ")");
        }
        Instant target = clock.instant().plus(duration);
        while (clock.instant().isBefore(target)) {
            Instant next = clock.instant().plus(market.settings().tick());
            if (next.isAfter(target)) {
                next = target;
            }
            market.advanceTo(next);
            clock.advanceTo(next);
            for (SimulatedStrategy strategy : strategiesSnapshot()) {
                if (strategy.isDue(clock.instant())) {
                    strategy.act(clock.instant());
                }
            }
        }
    }

    private synchronized List<SimulatedStrategy> strategiesSnapshot() {
        return List.copyOf(strategies);
    }

    private void runClock() {
        long last = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(CLOCK_PERIOD_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long nowNanos = System.nanoTime();
            long simulatedMillis = (long) ((nowNanos - last) / 1e6 * speed);
            last = nowNanos;
            try {
                Instant target = clock.instant().plusMillis(simulatedMillis);
                market.advanceTo(target);
                clock.advanceTo(target);
                Instant now = clock.instant();
                for (SimulatedStrategy strategy : strategiesSnapshot()) {
                    AtomicBoolean flag = busy.get(strategy);
                    if (strategy.isDue(now) && flag.compareAndSet(false, true)) {
                        workers.execute(() -> {
                            try {
                                strategy.act(clock.instant());
                            } catch (RuntimeException e) {
                                LOG.warn("strategy {} failed", strategy.spec().botId(), e);
                            } finally {
                                flag.set(false);
                            }
                        });
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("demo clock step failed", e);
            }
        }
    }

    public SimulatedClock clock() {
        return clock;
    }

    public MarketSimulator market() {
        return market;
    }

    public double speed() {
        return speed;
    }

    public long seed() {
        return seed;
    }

    public List<SimulatedFreqtradeBot> bots() {
        return List.copyOf(bots.values());
    }

    public SimulatedFreqtradeBot bot(String botId) {
        SimulatedFreqtradeBot bot = bots.get(botId);
        if (bot == null) {
            throw new IllegalArgumentException("unknown bot '" + botId + "', known: " + bots.keySet());
        }
        return bot;
    }

    public SimulatedIbkrGateway ibkr() {
        return ibkr;
    }

    public synchronized List<SimulatedStrategy> strategies() {
        return List.copyOf(strategies);
    }

    /** Strategy statistics by bot id, in S1..S7 order. */
    public synchronized Map<String, StrategyStats> strategyStats() {
        Map<String, StrategyStats> out = new LinkedHashMap<>();
        for (SimulatedStrategy strategy : strategies) {
            out.put(strategy.spec().botId(), strategy.stats());
        }
        return out;
    }

    /** The bots' addresses and credentials (and the strategies' default tokens) for the orchestrator's config. */
    public List<BotEndpoint> botEndpoints() {
        List<BotEndpoint> out = new ArrayList<>();
        for (SimulatedFreqtradeBot bot : bots.values()) {
            FreqtradeBotSpec spec = bot.spec();
            out.add(new BotEndpoint(spec.botName(), buckets.get(spec.botName()), bot.url(), spec.username(),
                    spec.password(), spec.jwtSecret(), token(Map.of(), spec.botName())));
        }
        return out;
    }

    @Override
    public synchronized void close() {
        running = false;
        if (clockThread != null) {
            clockThread.interrupt();
            try {
                clockThread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (workers != null) {
            workers.shutdownNow();
            try {
                workers.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (SimulatedFreqtradeBot bot : bots.values()) {
            bot.close();
        }
        ibkr.close();
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** Builds a {@link DemoWorld}; every setting has a default. */
    public static final class Builder {
        private long seed = 42;
        private double speed = 60;
        private Instant start = DEFAULT_START;
        private boolean fixedPorts;
        private String runId;
        private OkHttpClient http;
        private Duration crashAfter = DEFAULT_CRASH_AFTER;
        private Duration firstRoundAfter = Duration.ofMinutes(1);

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Simulated seconds per wall second; 0 = manual ({@link DemoWorld#advance(Duration)}). */
        public Builder speed(double value) {
            if (!(value >= 0 && value <= 10_000)) {
                throw new IllegalArgumentException("speed must be in [0, 10000], was " + value);
            }
            speed = value;
            return this;
        }

        /** Simulated start, truncated to a 5-minute boundary (the market's candle grid). */
        public Builder start(Instant value) {
            long grid = MarketSettings.BASE_CANDLE.toMillis();
            start = Instant.ofEpochMilli(Math.floorDiv(value.toEpochMilli(), grid) * grid);
            return this;
        }

        /** Listen on 18081..18087 (bots) and 18500 (IBKR) instead of free ports. */
        public Builder fixedPorts(boolean value) {
            fixedPorts = value;
            return this;
        }

        /** Makes request ids unique across runs against one orchestrator database. */
        public Builder runId(String value) {
            runId = value;
            return this;
        }

        /** The one OkHttp client the strategies share (default: a client the world creates and closes). */
        public Builder http(OkHttpClient value) {
            http = value;
            return this;
        }

        /** When the scripted crash starts after the simulated start (default 30 minutes). */
        public Builder crashAfter(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("crashAfter must be > 0, was " + value);
            }
            crashAfter = value;
            return this;
        }

        /** When the strategies' first signals come after {@link DemoWorld#startTrading} (default 1 simulated minute). */
        public Builder firstRoundAfter(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("firstRoundAfter must be >= 0, was " + value);
            }
            firstRoundAfter = value;
            return this;
        }

        public DemoWorld build() {
            return new DemoWorld(this);
        }
    }
}
