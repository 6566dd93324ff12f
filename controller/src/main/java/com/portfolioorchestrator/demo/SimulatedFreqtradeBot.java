package com.portfolioorchestrator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Freqtrade bot (API 2.40, futures, isolated margin, USDT stake, dry run) as far as its REST API shows it: the same
 * endpoints, auth (Basic and HS256 JWT), field names, JSON types, null habits and error shapes as
 * {@code reference/freqtrade-api.md} and the fixtures, over trades opened by {@link #openTrade} and closed by the
 * simulated market (stop loss, take profit, time) or {@code /forceexit}.
 *
 * <p>Two failure modes: {@link #goOffline()} closes the listening socket (connection refused) and keeps the state;
 * {@link #stopTrader()} is Freqtrade's STOPPED state: the API answers, {@code /count} and {@code /forceexit} answer 502,
 * the heartbeat freezes, and no trade is managed (stops are not honoured) until {@link #startTrader()}.
 *
 * <p>All state is guarded by this object's monitor. Lock order: bot, then market (never the reverse).
 */
public final class SimulatedFreqtradeBot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedFreqtradeBot.class);
    private static final String API = "/api/v1";
    private static final String VERSION = "2024.10";
    private static final double API_VERSION = 2.4;
    private static final long ACCESS_TOKEN_SECONDS = 15 * 60;
    private static final long REFRESH_TOKEN_SECONDS = 30L * 24 * 3600;
    private static final long PROCESS_THROTTLE_MS = 5_000;
    private static final int DEFAULT_CANDLE_LIMIT = 1000;

    private final FreqtradeBotSpec spec;
    private final MarketSimulator market;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Jwt jwt;
    private final Duration timeframe;
    private final long botStartMillis;
    private final long botStartupMillis;

    private final List<SimulatedTrade> trades = new ArrayList<>();
    private final List<PairLock> locks = new ArrayList<>();
    private int nextLockId = 1;
    private boolean traderRunning = true;
    private long lastProcessMillis;
    private long lastTickMillis;
    private Javalin server;
    private int boundPort;

    private static final class PairLock {
        final int id;
        final String pair;
        final String side;
        final long lockMillis;
        final long endMillis;
        final String reason;
        boolean active = true;

        PairLock(int id, String pair, String side, long lockMillis, long endMillis, String reason) {
            this.id = id;
            this.pair = pair;
            this.side = side;
            this.lockMillis = lockMillis;
            this.endMillis = endMillis;
            this.reason = reason;
        }

        boolean isActiveAt(long now) {
            return active && endMillis > now;
        }
    }

    public SimulatedFreqtradeBot(FreqtradeBotSpec spec, MarketSimulator market, Clock clock) {
        this.spec = spec;
        this.market = market;
        this.clock = clock;
        this.jwt = new Jwt(mapper, spec.jwtSecret());
        this.timeframe = FreqtradeFormat.timeframe(spec.timeframe());
        this.botStartupMillis = clock.millis() - 93_518;
        this.botStartMillis = clock.millis() - spec.uptimeBeforeStart().toMillis();
        this.lastProcessMillis = clock.millis();
        this.lastTickMillis = clock.millis();
    }

    public FreqtradeBotSpec spec() {
        return spec;
    }

    // ---------------------------------------------------------------- server lifecycle

    /** Starts listening on 127.0.0.1 at the spec's port (0 = any free port). */
    public synchronized SimulatedFreqtradeBot start() {
        if (server == null) {
            server = createServer().start("127.0.0.1", boundPort != 0 ? boundPort : spec.port());
            boundPort = server.port();
        }
        return this;
    }

    /** Closes the listening socket: clients now get "connection refused". State and port are kept for {@link #goOnline()}. */
    public synchronized void goOffline() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Listens again on the same port after {@link #goOffline()}. */
    public synchronized void goOnline() {
        start();
    }

    public synchronized boolean isOnline() {
        return server != null;
    }

    public synchronized int port() {
        if (boundPort == 0) {
            throw new IllegalStateException(spec.botName() + " has not been started");
        }
        return boundPort;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:18081} (the API lives under {@code /api/v1}). */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public synchronized void close() {
        goOffline();
    }

    // ---------------------------------------------------------------- trader state

    /** Freqtrade's {@code /stop}: state STOPPED. Trades are no longer managed; the API keeps answering. */
    public synchronized void stopTrader() {
        traderRunning = false;
    }

    /** Freqtrade's {@code /start}: state RUNNING again. */
    public synchronized void startTrader() {
        traderRunning = true;
        lastProcessMillis = clock.millis();
    }

    public synchronized boolean isTraderRunning() {
        return traderRunning;
    }

    public synchronized int openTradeCount() {
        return (int) trades.stream().filter(t -> t.open).count();
    }

    /** Pairs with an open trade. */
    public synchronized java.util.Set<String> openPairs() {
        java.util.Set<String> pairs = new java.util.TreeSet<>();
        for (SimulatedTrade trade : trades) {
            if (trade.open) {
                pairs.add(trade.pair);
            }
        }
        return pairs;
    }

    public synchronized int closedTradeCount() {
        return (int) trades.stream().filter(t -> !t.open).count();
    }

    /** Marked-to-market equity in USDT: {@code total_bot} plus the open trades' unrealised profit. */
    public synchronized double equity() {
        double unrealised = 0;
        for (SimulatedTrade trade : trades) {
            if (trade.open) {
                unrealised += trade.profitAbs(market.price(trade.pair), trade.feeClose);
            }
        }
        return totalBot() + unrealised;
    }

    /**
     * Opens a trade the way a filled entry order would (the bot's own checks first: trader running, no global or pair
     * lock, max open trades, free balance), with a take profit at twice the stop distance and a 24 h time exit.
     *
     * @param stake     margin in USDT (the orchestrator's approved stake)
     * @param leverage  >= 1
     * @param rate      entry price (the fill price)
     * @param stopLoss  stop price: below {@code rate} for a long, above for a short
     */
    public OpenOutcome openTrade(String pair, Side side, double stake, double leverage, double rate, double stopLoss) {
        double takeProfit = side.isShort() ? rate - 2 * (stopLoss - rate) : rate + 2 * (rate - stopLoss);
        return openTrade(pair, side, stake, leverage, rate, stopLoss, Math.max(takeProfit, rate * 0.01),
                Duration.ofHours(24), "signal");
    }

    /** As {@link #openTrade(String, Side, double, double, double, double)} with an explicit take profit, time exit and tag. */
    public synchronized OpenOutcome openTrade(String pair, Side side, double stake, double leverage, double rate,
                                              double stopLoss, double takeProfit, Duration maxHold, String enterTag) {
        Instrument instrument = market.instruments().stream().filter(i -> i.symbol().equals(pair)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("pair '" + pair + "' is not traded by " + spec.botName()));
        if (instrument.kind() != Instrument.Kind.CRYPTO) {
            throw new IllegalArgumentException("pair '" + pair + "' is not a crypto perpetual");
        }
        if (!(stake > 0) || !(rate > 0) || !(leverage >= 1 && leverage <= 125) || !Double.isFinite(stake)) {
            throw new IllegalArgumentException("stake, rate must be > 0 and leverage in [1, 125], were " + stake + ", "
                    + rate + ", " + leverage);
        }
        boolean stopOnLossSide = side.isShort() ? stopLoss > rate : stopLoss > 0 && stopLoss < rate;
        boolean takeProfitOnGainSide = side.isShort() ? takeProfit < rate && takeProfit > 0 : takeProfit > rate;
        if (!stopOnLossSide || !takeProfitOnGainSide) {
            throw new IllegalArgumentException("stop " + stopLoss + " / take profit " + takeProfit
                    + " on the wrong side of " + rate + " for a " + side.wire());
        }
        long now = clock.millis();
        if (!traderRunning) {
            return new OpenOutcome.Refused("trader is not running");
        }
        for (PairLock lock : locks) {
            if (lock.isActiveAt(now) && (lock.side.equals("*") || lock.side.equals(side.wire()))) {
                if (lock.pair.equals("*")) {
                    return new OpenOutcome.Refused("Global pairlock active until " + FreqtradeFormat.dateTime(lock.endMillis)
                            + " (reason: " + lock.reason + ")");
                }
                if (lock.pair.equals(pair)) {
                    return new OpenOutcome.Refused("Pair " + pair + " is currently locked.");
                }
            }
        }
        if (openTradeCount() >= spec.maxOpenTrades()) {
            return new OpenOutcome.Refused("Maximum number of trades is reached.");
        }
        if (trades.stream().anyMatch(t -> t.open && t.pair.equals(pair))) {
            return new OpenOutcome.Refused("A trade is already open for " + pair);
        }
        double amountPrecision = Math.pow(10, Math.floor(Math.log10(1.0 / rate)));
        double amount = Math.floor(stake * leverage / rate / amountPrecision + 1e-9) * amountPrecision;
        amount = FreqtradeFormat.round(amount, 10);
        if (amount < amountPrecision) {
            return new OpenOutcome.Refused("Stake " + stake + " is below the exchange's minimum amount for " + pair);
        }
        double margin = amount * rate / leverage;
        if (margin > freeBalance() + 1e-9) {
            return new OpenOutcome.Refused("Available balance (" + FreqtradeFormat.round(freeBalance(), 8)
                    + " USDT) is lower than stake amount (" + margin + " USDT)");
        }
        SimulatedTrade trade = new SimulatedTrade(trades.size() + 1, pair, side, amount, amountPrecision,
                instrument.priceStep(), leverage, rate, now, stopLoss, takeProfit, maxHold.toMillis(), enterTag,
                spec.strategy(), (int) timeframe.toMinutes());
        trades.add(trade);
        return new OpenOutcome.Opened(trade.id, trade.stake(), amount);
    }

    /** Adds a global lock (pair "*", side "*") until {@code until} (rounded up to the next candle, as Freqtrade does). */
    public synchronized int lockAll(Instant until, String reason) {
        return addLock("*", "*", until.toEpochMilli(), reason).id;
    }

    /** Advances the bot loop to {@code at}: heartbeat, funding fees, and exits by stop loss, take profit or time. */
    public synchronized void onTick(Instant at) {
        long now = at.toEpochMilli();
        long previous = lastTickMillis;
        lastTickMillis = now;
        if (!traderRunning) {
            return;
        }
        if (now - lastProcessMillis >= PROCESS_THROTTLE_MS) {
            lastProcessMillis = now - 18;
        }
        long funding = MarketSimulator.nextFundingTime(previous);
        boolean fundingDue = funding <= now;
        for (SimulatedTrade trade : trades) {
            if (!trade.open) {
                continue;
            }
            double price = market.price(trade.pair);
            if (fundingDue && trade.openMillis < funding) {
                double fee = trade.amount * price * market.fundingRate(trade.pair);
                trade.fundingFees = FreqtradeFormat.round(trade.fundingFees + (trade.side.isShort() ? fee : -fee), 8);
            }
            trade.minRate = Math.min(trade.minRate, price);
            trade.maxRate = Math.max(trade.maxRate, price);
            boolean stopHit = trade.side.isShort() ? price >= trade.stopLoss : price <= trade.stopLoss;
            boolean targetHit = trade.side.isShort() ? price <= trade.takeProfit : price >= trade.takeProfit;
            if (stopHit) {
                closeTrade(trade, price, trade.stopLoss, "stop_loss", SimulatedTrade.MARKET_FEE, "market", now);
            } else if (targetHit) {
                closeTrade(trade, price, trade.takeProfit, "roi", SimulatedTrade.LIMIT_FEE, "limit", now);
            } else if (now - trade.openMillis >= trade.maxHoldMillis) {
                closeTrade(trade, price, price, "exit_signal", SimulatedTrade.LIMIT_FEE, "limit", now);
            }
        }
    }

    private void closeTrade(SimulatedTrade trade, double price, double requested, String reason, double fee,
                            String orderType, long now) {
        trade.open = false;
        trade.closeRate = price;
        trade.closeRateRequested = requested;
        trade.feeClose = fee;
        trade.exitReason = reason;
        trade.exitOrderType = orderType;
        trade.exitOrderMillis = now;
        trade.closeMillis = now;
    }

    // ---------------------------------------------------------------- money

    private double closedProfit() {
        double sum = 0;
        for (SimulatedTrade trade : trades) {
            if (!trade.open) {
                sum += trade.closeProfitAbs();
            }
        }
        return sum;
    }

    private double usedStake() {
        double sum = 0;
        for (SimulatedTrade trade : trades) {
            if (trade.open) {
                sum += trade.stake();
            }
        }
        return sum;
    }

    /** Futures {@code total_bot}: starting capital plus closed profit (unrealised profit excluded, as Freqtrade does). */
    private double totalBot() {
        return spec.startingCapital() + closedProfit();
    }

    private double freeBalance() {
        return totalBot() - usedStake();
    }

    // ---------------------------------------------------------------- HTTP

    private Javalin createServer() {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.exception(HttpFailure.class, (e, ctx) -> {
                e.headers.forEach(ctx::header);
                writeJson(ctx, e.status, e.body);
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{}: unexpected error on {} {}", spec.botName(), ctx.method(), ctx.path(), e);
                writeJson(ctx, 500, Map.of("detail", "Internal Server Error"));
            });
            cfg.routes.before(API + "/*", this::authenticate);
            cfg.routes.get(API + "/ping", ctx -> writeJson(ctx, 200, Map.of("status", "pong")));
            cfg.routes.post(API + "/token/login", this::tokenLogin);
            cfg.routes.post(API + "/token/refresh", this::tokenRefresh);
            cfg.routes.get(API + "/version", ctx -> writeJson(ctx, 200, Map.of("version", VERSION)));
            cfg.routes.get(API + "/health", ctx -> writeJson(ctx, 200, health()));
            cfg.routes.get(API + "/show_config", ctx -> writeJson(ctx, 200, showConfig()));
            cfg.routes.get(API + "/balance", ctx -> writeJson(ctx, 200, balance()));
            cfg.routes.get(API + "/status", ctx -> writeJson(ctx, 200, status()));
            cfg.routes.get(API + "/trades", this::tradesPage);
            cfg.routes.get(API + "/trade/{tradeid}", this::trade);
            cfg.routes.get(API + "/profit", ctx -> writeJson(ctx, 200, profit()));
            cfg.routes.get(API + "/daily", this::daily);
            cfg.routes.get(API + "/count", ctx -> writeJson(ctx, 200, count(ctx.path())));
            cfg.routes.get(API + "/locks", ctx -> writeJson(ctx, 200, locksView()));
            cfg.routes.post(API + "/locks", this::postLocks);
            cfg.routes.delete(API + "/locks/{lockid}", this::deleteLock);
            cfg.routes.post(API + "/locks/delete", this::deleteLockByBody);
            cfg.routes.post(API + "/forceexit", this::forceExit);
            cfg.routes.post(API + "/forcesell", this::forceExit);
            cfg.routes.post(API + "/start", ctx -> writeJson(ctx, 200, Map.of("status", startFromApi())));
            cfg.routes.post(API + "/stop", ctx -> writeJson(ctx, 200, Map.of("status", stopFromApi())));
            cfg.routes.get(API + "/pair_candles", this::pairCandles);
        });
    }

    private void writeJson(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(mapper.writeValueAsBytes(body));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot serialise a response", e);
        }
    }

    /** Freqtrade's {@code http_basic_or_jwt_token}: a Bearer access token, else valid Basic credentials, else 401. */
    private void authenticate(Context ctx) {
        String path = ctx.path();
        if (path.equals(API + "/ping") || path.equals(API + "/token/login") || path.equals(API + "/token/refresh")) {
            return;
        }
        String header = ctx.header("Authorization");
        Optional<String> bearer = credentials(header, "bearer");
        if (bearer.isPresent()) {
            if (jwt.verify(bearer.get(), clock.millis() / 1000, "access").isEmpty()) {
                throw invalidToken();
            }
            return;
        }
        Optional<String[]> basic = basicCredentials(header);
        if (basic.isPresent() && isValidUser(basic.get())) {
            return;
        }
        throw HttpFailure.detail(401, "Unauthorized");
    }

    private static HttpFailure invalidToken() {
        return new HttpFailure(401, Map.of("detail", "Could not validate credentials"), Map.of("WWW-Authenticate", "Bearer"));
    }

    private boolean isValidUser(String[] userAndPassword) {
        return java.security.MessageDigest.isEqual(userAndPassword[0].getBytes(StandardCharsets.UTF_8),
                spec.username().getBytes(StandardCharsets.UTF_8))
                & java.security.MessageDigest.isEqual(userAndPassword[1].getBytes(StandardCharsets.UTF_8),
                spec.password().getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> credentials(String header, String scheme) {
        if (header == null) {
            return Optional.empty();
        }
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase(scheme)) {
            return Optional.empty();
        }
        String value = header.substring(space + 1).trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<String[]> basicCredentials(String header) {
        Optional<String> encoded = credentials(header, "basic");
        if (encoded.isEmpty()) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded.get()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpFailure(401, Map.of("detail", "Invalid authentication credentials"),
                    Map.of("WWW-Authenticate", "Basic"));
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new HttpFailure(401, Map.of("detail", "Invalid authentication credentials"),
                    Map.of("WWW-Authenticate", "Basic"));
        }
        return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }

    private void tokenLogin(Context ctx) {
        Optional<String[]> basic = basicCredentials(ctx.header("Authorization"));
        if (basic.isEmpty() || !isValidUser(basic.get())) {
            throw HttpFailure.detail(401, "Incorrect username or password");
        }
        long now = clock.millis() / 1000;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", jwt.issue(spec.username(), now, ACCESS_TOKEN_SECONDS, "access"));
        body.put("refresh_token", jwt.issue(spec.username(), now, REFRESH_TOKEN_SECONDS, "refresh"));
        writeJson(ctx, 200, body);
    }

    private void tokenRefresh(Context ctx) {
        Optional<String> token = credentials(ctx.header("Authorization"), "bearer");
        long now = clock.millis() / 1000;
        Optional<String> user = token.flatMap(t -> jwt.verify(t, now, "refresh"));
        if (user.isEmpty()) {
            throw invalidToken();
        }
        writeJson(ctx, 200, Map.of("access_token", jwt.issue(user.get(), now, ACCESS_TOKEN_SECONDS, "access")));
    }

    private synchronized String startFromApi() {
        if (traderRunning) {
            return "already running";
        }
        startTrader();
        return "starting trader ...";
    }

    private synchronized String stopFromApi() {
        if (!traderRunning) {
            return "already stopped";
        }
        stopTrader();
        return "stopping trader ...";
    }

    // ---------------------------------------------------------------- endpoint bodies

    private synchronized Map<String, Object> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("last_process", FreqtradeFormat.isoMicros(lastProcessMillis));
        body.put("last_process_ts", lastProcessMillis / 1000);
        body.put("bot_start", FreqtradeFormat.isoMicros(botStartMillis));
        body.put("bot_start_ts", botStartMillis / 1000);
        body.put("bot_startup", FreqtradeFormat.isoMicros(botStartupMillis));
        body.put("bot_startup_ts", botStartupMillis / 1000);
        return body;
    }

    private synchronized Map<String, Object> showConfig() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", VERSION);
        body.put("strategy_version", null);
        body.put("api_version", API_VERSION);
        body.put("dry_run", true);
        body.put("trading_mode", "futures");
        body.put("short_allowed", true);
        body.put("stake_currency", "USDT");
        body.put("stake_amount", "unlimited");
        body.put("available_capital", spec.startingCapital());
        body.put("stake_currency_decimals", 3);
        body.put("max_open_trades", (double) spec.maxOpenTrades());
        Map<String, Object> roi = new LinkedHashMap<>();
        roi.put("0", 0.12);
        roi.put("360", 0.06);
        roi.put("1440", 0.03);
        body.put("minimal_roi", roi);
        body.put("stoploss", spec.stoploss());
        body.put("stoploss_on_exchange", false);
        body.put("trailing_stop", false);
        body.put("trailing_stop_positive", null);
        body.put("trailing_stop_positive_offset", 0.0);
        body.put("trailing_only_offset_is_reached", false);
        Map<String, Object> unfilled = new LinkedHashMap<>();
        unfilled.put("entry", 10);
        unfilled.put("exit", 10);
        unfilled.put("unit", "minutes");
        unfilled.put("exit_timeout_count", 0);
        body.put("unfilledtimeout", unfilled);
        Map<String, Object> orderTypes = new LinkedHashMap<>();
        orderTypes.put("entry", "limit");
        orderTypes.put("exit", "limit");
        orderTypes.put("emergency_exit", "market");
        orderTypes.put("force_exit", "market");
        orderTypes.put("force_entry", "market");
        orderTypes.put("stoploss", "market");
        orderTypes.put("stoploss_on_exchange", false);
        orderTypes.put("stoploss_on_exchange_interval", 60);
        body.put("order_types", orderTypes);
        body.put("use_custom_stoploss", true);
        body.put("timeframe", spec.timeframe());
        body.put("timeframe_ms", timeframe.toMillis());
        body.put("timeframe_min", timeframe.toMinutes());
        body.put("exchange", "binance");
        body.put("strategy", spec.strategy());
        body.put("force_entry_enable", false);
        Map<String, Object> exitPricing = new LinkedHashMap<>();
        exitPricing.put("price_side", "same");
        exitPricing.put("use_order_book", true);
        exitPricing.put("order_book_top", 1);
        body.put("exit_pricing", exitPricing);
        Map<String, Object> entryPricing = new LinkedHashMap<>();
        entryPricing.put("price_side", "same");
        entryPricing.put("use_order_book", true);
        entryPricing.put("order_book_top", 1);
        entryPricing.put("price_last_balance", 0.0);
        Map<String, Object> depth = new LinkedHashMap<>();
        depth.put("enabled", false);
        depth.put("bids_to_ask_delta", 1);
        entryPricing.put("check_depth_of_market", depth);
        body.put("entry_pricing", entryPricing);
        body.put("bot_name", spec.botName());
        body.put("state", traderRunning ? "running" : "stopped");
        body.put("runmode", "dry_run");
        body.put("position_adjustment_enable", false);
        body.put("max_entry_position_adjustment", -1);
        return body;
    }

    private synchronized Map<String, Object> balance() {
        double totalBot = totalBot();
        double used = usedStake();
        double free = totalBot - used;
        List<Map<String, Object>> currencies = new ArrayList<>();
        Map<String, Object> usdt = new LinkedHashMap<>();
        usdt.put("currency", "USDT");
        usdt.put("free", free);
        usdt.put("balance", totalBot);
        usdt.put("used", used);
        usdt.put("bot_owned", free);
        usdt.put("est_stake", free);
        usdt.put("est_stake_bot", free);
        usdt.put("stake", "USDT");
        usdt.put("side", "long");
        usdt.put("is_position", false);
        usdt.put("position", 0.0);
        usdt.put("is_bot_managed", true);
        currencies.add(usdt);
        for (SimulatedTrade trade : trades) {
            if (!trade.open) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("currency", trade.pair);
            row.put("free", 0.0);
            row.put("balance", 0.0);
            row.put("used", 0.0);
            row.put("bot_owned", null);
            row.put("est_stake", trade.stake());
            row.put("est_stake_bot", trade.stake());
            row.put("stake", "USDT");
            row.put("side", trade.side.wire());
            row.put("is_position", true);
            row.put("position", trade.amount);
            row.put("is_bot_managed", true);
            currencies.add(row);
        }
        double ratio = totalBot / spec.startingCapital() - 1;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("currencies", currencies);
        body.put("total", totalBot);
        body.put("total_bot", totalBot);
        body.put("symbol", "");
        body.put("value", 0.0);
        body.put("value_bot", 0.0);
        body.put("stake", "USDT");
        body.put("note", "Simulated balances");
        body.put("starting_capital", spec.startingCapital());
        body.put("starting_capital_ratio", ratio);
        body.put("starting_capital_pct", FreqtradeFormat.round(ratio * 100, 2));
        body.put("starting_capital_fiat", 0.0);
        body.put("starting_capital_fiat_ratio", 0.0);
        body.put("starting_capital_fiat_pct", 0.0);
        return body;
    }

    private synchronized List<Map<String, Object>> status() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SimulatedTrade trade : trades) {
            if (trade.open) {
                out.add(openTradeSchema(trade));
            }
        }
        return out;
    }

    private void tradesPage(Context ctx) {
        int limit = intQuery(ctx, "limit", 500);
        int offset = intQuery(ctx, "offset", 0);
        writeJson(ctx, 200, trades(limit, offset));
    }

    private synchronized Map<String, Object> trades(int limit, int offset) {
        List<SimulatedTrade> closed = new ArrayList<>();
        for (SimulatedTrade trade : trades) {
            if (!trade.open) {
                closed.add(trade);
            }
        }
        List<SimulatedTrade> page;
        if (limit > 0) {
            int from = Math.min(Math.max(offset, 0), closed.size());
            page = closed.subList(from, Math.min(closed.size(), from + limit));
        } else {
            page = new ArrayList<>(closed);
            page.sort((a, b) -> Long.compare(b.closeMillis, a.closeMillis));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (SimulatedTrade trade : page) {
            items.add(tradeToJson(trade));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("trades", items);
        body.put("trades_count", items.size());
        body.put("offset", offset);
        body.put("total_trades", closed.size());
        return body;
    }

    /** A path parameter FastAPI types as int: a 422 in FastAPI's shape when it is not one, as Freqtrade answers. */
    private static int intPathParam(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw HttpFailure.validation("int_parsing", "path", name,
                    "Input should be a valid integer, unable to parse string as an integer", raw);
        }
    }

    private void trade(Context ctx) {
        int id = intPathParam(ctx, "tradeid");
        writeJson(ctx, 200, tradeById(id));
    }

    private synchronized Map<String, Object> tradeById(int id) {
        if (id < 1 || id > trades.size()) {
            throw HttpFailure.detail(404, "Trade not found.");
        }
        return openTradeSchema(trades.get(id - 1));
    }

    private synchronized Map<String, Object> count(String path) {
        if (!traderRunning) {
            throw HttpFailure.rpc(path, "trader is not running");
        }
        double totalStake = 0;
        for (SimulatedTrade trade : trades) {
            if (trade.open) {
                totalStake += trade.notional();
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("current", openTradeCount());
        body.put("max", spec.maxOpenTrades());
        body.put("total_stake", totalStake);
        return body;
    }

    private synchronized Map<String, Object> profit() {
        long now = clock.millis();
        double start = spec.startingCapital();
        List<SimulatedTrade> closed = new ArrayList<>();
        double closedCoin = 0;
        double closedRatioSum = 0;
        double allCoin = 0;
        double allRatioSum = 0;
        double volume = 0;
        long durationSum = 0;
        Map<String, Double> ratioByPair = new TreeMap<>();
        for (SimulatedTrade trade : trades) {
            volume += trade.notional();
            if (trade.open) {
                double price = market.price(trade.pair);
                allCoin += trade.profitAbs(price, trade.feeClose);
                allRatioSum += FreqtradeFormat.round(trade.profitRatio(price, trade.feeClose), 8);
            } else {
                closed.add(trade);
                volume += trade.amount * trade.closeRate;
                closedCoin += trade.closeProfitAbs();
                closedRatioSum += trade.closeProfit();
                allCoin += trade.closeProfitAbs();
                allRatioSum += trade.closeProfit();
                durationSum += (trade.closeMillis - trade.openMillis) / 1000;
                ratioByPair.merge(trade.pair, trade.closeProfit(), Double::sum);
            }
        }
        closedCoin = FreqtradeFormat.round(closedCoin, 8);
        allCoin = FreqtradeFormat.round(allCoin, 8);
        int closedCount = closed.size();
        double closedRatioMean = closedCount == 0 ? 0.0 : closedRatioSum / closedCount;
        double allRatioMean = trades.isEmpty() ? 0.0 : allRatioSum / trades.size();
        int winning = 0;
        int losing = 0;
        double winningProfit = 0;
        double losingProfit = 0;
        for (SimulatedTrade trade : closed) {
            if (trade.closeProfit() >= 0) {
                winning++;
                winningProfit += trade.closeProfitAbs();
            } else {
                losing++;
                losingProfit += trade.closeProfitAbs();
            }
        }
        double[] expectancy = expectancy(closed);
        String bestPair = "";
        double bestRatio = 0.0;
        for (Map.Entry<String, Double> entry : ratioByPair.entrySet()) {
            if (bestPair.isEmpty() || entry.getValue() > bestRatio) {
                bestPair = entry.getKey();
                bestRatio = entry.getValue();
            }
        }
        Drawdown drawdown = drawdown(closed, start);
        SimulatedTrade first = trades.isEmpty() ? null : trades.get(0);
        SimulatedTrade latest = trades.isEmpty() ? null : trades.get(trades.size() - 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("profit_closed_coin", closedCoin);
        body.put("profit_closed_percent_mean", FreqtradeFormat.round(closedRatioMean * 100, 2));
        body.put("profit_closed_ratio_mean", closedRatioMean);
        body.put("profit_closed_percent_sum", FreqtradeFormat.round(closedRatioSum * 100, 2));
        body.put("profit_closed_ratio_sum", closedRatioSum);
        body.put("profit_closed_percent", FreqtradeFormat.round(closedCoin / start * 100, 2));
        body.put("profit_closed_ratio", closedCoin / start);
        body.put("profit_closed_fiat", 0.0);
        body.put("profit_all_coin", allCoin);
        body.put("profit_all_percent_mean", FreqtradeFormat.round(allRatioMean * 100, 2));
        body.put("profit_all_ratio_mean", allRatioMean);
        body.put("profit_all_percent_sum", FreqtradeFormat.round(allRatioSum * 100, 2));
        body.put("profit_all_ratio_sum", allRatioSum);
        body.put("profit_all_percent", FreqtradeFormat.round(allCoin / start * 100, 2));
        body.put("profit_all_ratio", allCoin / start);
        body.put("profit_all_fiat", 0.0);
        body.put("trade_count", trades.size());
        body.put("closed_trade_count", closedCount);
        body.put("first_trade_date", first == null ? "" : FreqtradeFormat.dateTime(first.openMillis));
        body.put("first_trade_humanized", first == null ? ""
                : FreqtradeFormat.humanizedAgo(Duration.ofMillis(now - first.openMillis)));
        body.put("first_trade_timestamp", first == null ? 0L : first.openMillis);
        body.put("latest_trade_date", latest == null ? "" : FreqtradeFormat.dateTime(latest.openMillis));
        body.put("latest_trade_humanized", latest == null ? ""
                : FreqtradeFormat.humanizedAgo(Duration.ofMillis(now - latest.openMillis)));
        body.put("latest_trade_timestamp", latest == null ? 0L : latest.openMillis);
        body.put("avg_duration", FreqtradeFormat.timedelta(closedCount == 0 ? 0 : durationSum / closedCount));
        body.put("best_pair", bestPair);
        body.put("best_rate", FreqtradeFormat.round(bestRatio * 100, 2));
        body.put("best_pair_profit_ratio", bestRatio);
        body.put("winning_trades", winning);
        body.put("losing_trades", losing);
        body.put("profit_factor", losingProfit == 0 ? null : winningProfit / Math.abs(losingProfit));
        body.put("winrate", closedCount == 0 ? 0.0 : (double) winning / closedCount);
        body.put("expectancy", expectancy[0]);
        body.put("expectancy_ratio", expectancy[1]);
        body.put("max_drawdown", drawdown.relative);
        body.put("max_drawdown_abs", drawdown.absolute);
        body.put("max_drawdown_start", drawdown.startMillis == 0 ? "" : FreqtradeFormat.dateTime(drawdown.startMillis));
        body.put("max_drawdown_start_timestamp", drawdown.startMillis);
        body.put("max_drawdown_end", drawdown.endMillis == 0 ? "" : FreqtradeFormat.dateTime(drawdown.endMillis));
        body.put("max_drawdown_end_timestamp", drawdown.endMillis);
        body.put("trading_volume", volume);
        body.put("bot_start_timestamp", botStartMillis);
        body.put("bot_start_date", FreqtradeFormat.dateTime(botStartMillis));
        return body;
    }

    /** Freqtrade's {@code calculate_expectancy}: [expectancy, expectancy_ratio] over closed trades by profit_abs sign. */
    private static double[] expectancy(List<SimulatedTrade> closed) {
        if (closed.isEmpty()) {
            return new double[] {0.0, 100.0};
        }
        double profitSum = 0;
        double lossSum = 0;
        int wins = 0;
        int losses = 0;
        for (SimulatedTrade trade : closed) {
            double p = trade.closeProfitAbs();
            if (p > 0) {
                wins++;
                profitSum += p;
            } else if (p < 0) {
                losses++;
                lossSum += -p;
            }
        }
        double averageWin = wins > 0 ? profitSum / wins : 0;
        double averageLoss = losses > 0 ? lossSum / losses : 0;
        double winrate = (double) wins / closed.size();
        double loserate = (double) losses / closed.size();
        double expectancy = winrate * averageWin - loserate * averageLoss;
        double ratio = averageLoss > 0 ? (1 + averageWin / averageLoss) * winrate - 1 : 100.0;
        return new double[] {expectancy, ratio};
    }

    private record Drawdown(double absolute, double relative, long startMillis, long endMillis) {
    }

    /** Freqtrade's {@code calculate_max_drawdown} over closed trades in close order, relative to starting balance + peak. */
    private static Drawdown drawdown(List<SimulatedTrade> closed, double startingBalance) {
        List<SimulatedTrade> byClose = new ArrayList<>(closed);
        byClose.sort((a, b) -> a.closeMillis != b.closeMillis ? Long.compare(a.closeMillis, b.closeMillis)
                : Integer.compare(a.id, b.id));
        double cumulative = 0;
        double high = Double.NEGATIVE_INFINITY;
        long highMillis = 0;
        Drawdown worst = new Drawdown(0.0, 0.0, 0, 0);
        for (SimulatedTrade trade : byClose) {
            cumulative += trade.closeProfitAbs();
            if (cumulative > high) {
                high = cumulative;
                highMillis = trade.closeMillis;
            }
            double drop = high - cumulative;
            if (drop > worst.absolute) {
                worst = new Drawdown(FreqtradeFormat.round(drop, 8), drop / (startingBalance + high), highMillis,
                        trade.closeMillis);
            }
        }
        return worst;
    }

    private void daily(Context ctx) {
        int timescale = intQuery(ctx, "timescale", 7);
        writeJson(ctx, 200, daily(ctx.path(), timescale));
    }

    private synchronized Map<String, Object> daily(String path, int timescale) {
        if (timescale < 1) {
            throw HttpFailure.rpc(path, "timescale must be an integer greater than 0");
        }
        long dayMillis = 86_400_000L;
        long today = Math.floorDiv(clock.millis(), dayMillis) * dayMillis;
        double stake = totalBot();
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < timescale; i++) {
            long dayStart = today - i * dayMillis;
            double profit = 0;
            int count = 0;
            for (SimulatedTrade trade : trades) {
                if (!trade.open && trade.closeMillis >= dayStart && trade.closeMillis < dayStart + dayMillis) {
                    profit += trade.closeProfitAbs();
                    count++;
                }
            }
            stake -= profit;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("date", FreqtradeFormat.day(dayStart));
            row.put("abs_profit", profit);
            row.put("rel_profit", stake > 0 ? FreqtradeFormat.round(profit / stake, 8) : 0.0);
            row.put("starting_balance", stake);
            row.put("fiat_value", 0.0);
            row.put("trade_count", count);
            data.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("fiat_display_currency", "");
        body.put("stake_currency", "USDT");
        return body;
    }

    private synchronized Map<String, Object> locksView() {
        long now = clock.millis();
        List<Map<String, Object>> items = new ArrayList<>();
        for (PairLock lock : locks) {
            if (lock.isActiveAt(now) && lock.side.equals("*")) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", lock.id);
                item.put("active", lock.active);
                item.put("lock_end_time", FreqtradeFormat.dateTime(lock.endMillis));
                item.put("lock_end_timestamp", lock.endMillis);
                item.put("lock_time", FreqtradeFormat.dateTime(lock.lockMillis));
                item.put("lock_timestamp", lock.lockMillis);
                item.put("pair", lock.pair);
                item.put("side", lock.side);
                item.put("reason", lock.reason);
                items.add(item);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lock_count", items.size());
        body.put("locks", items);
        return body;
    }

    private void postLocks(Context ctx) {
        JsonNode payload = readBody(ctx);
        if (!payload.isArray()) {
            throw HttpFailure.validation("list_type", "body", null, "Input should be a valid list", payload.toString());
        }
        List<Object[]> parsed = new ArrayList<>();
        for (JsonNode item : payload) {
            JsonNode pair = item.get("pair");
            JsonNode until = item.get("until");
            if (pair == null || !pair.isTextual()) {
                throw HttpFailure.validation("missing", "body", "pair", "Field required", item.toString());
            }
            if (until == null || !until.isTextual()) {
                throw HttpFailure.validation("missing", "body", "until", "Field required", item.toString());
            }
            long untilMillis = parseAwareDateTime(until.asText());
            String side = item.path("side").isTextual() ? item.get("side").asText() : "*";
            String reason = item.path("reason").isTextual() ? item.get("reason").asText() : null;
            parsed.add(new Object[] {pair.asText(), side, untilMillis, reason});
        }
        synchronized (this) {
            for (Object[] lock : parsed) {
                addLock((String) lock[0], (String) lock[1], (Long) lock[2], (String) lock[3]);
            }
        }
        writeJson(ctx, 200, locksView());
    }

    private static long parseAwareDateTime(String text) {
        String normalised = text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(normalised, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw HttpFailure.validation("timezone_aware", "body", "until", "Input should have timezone info", text);
        }
    }

    /** Freqtrade rounds a lock's end up to the next candle of the bot's timeframe (a boundary moves a full candle). */
    private PairLock addLock(String pair, String side, long untilMillis, String reason) {
        long tf = timeframe.toMillis();
        long end = Math.floorDiv(untilMillis, tf) * tf + tf;
        PairLock lock = new PairLock(nextLockId++, pair, side, clock.millis(), end, reason);
        locks.add(lock);
        return lock;
    }

    private void deleteLock(Context ctx) {
        int id = intPathParam(ctx, "lockid");
        writeJson(ctx, 200, deleteLocks(id, null));
    }

    private void deleteLockByBody(Context ctx) {
        JsonNode body = readBody(ctx);
        Integer id = body.path("lockid").canConvertToInt() ? body.get("lockid").asInt() : null;
        String pair = body.path("pair").isTextual() ? body.get("pair").asText() : null;
        writeJson(ctx, 200, deleteLocks(id, pair));
    }

    private synchronized Map<String, Object> deleteLocks(Integer id, String pair) {
        for (PairLock lock : locks) {
            if ((id != null && lock.id == id) || (pair != null && lock.pair.equals(pair))) {
                lock.active = false;
            }
        }
        return locksView();
    }

    private void forceExit(Context ctx) {
        JsonNode body = readBody(ctx);
        JsonNode tradeId = body.get("tradeid");
        if (tradeId == null || !(tradeId.isTextual() || tradeId.isIntegralNumber())) {
            throw HttpFailure.validation("missing", "body", "tradeid", "Field required", body.toString());
        }
        writeJson(ctx, 200, Map.of("result", forceExit(ctx.path(), tradeId.asText())));
    }

    private synchronized String forceExit(String path, String tradeId) {
        if (!traderRunning) {
            throw HttpFailure.rpc(path, "trader is not running");
        }
        long now = clock.millis();
        if (tradeId.equals("all")) {
            for (SimulatedTrade trade : trades) {
                if (trade.open) {
                    double price = market.price(trade.pair);
                    closeTrade(trade, price, price, "force_exit", SimulatedTrade.MARKET_FEE, "market", now);
                }
            }
            return "Created exit orders for all open trades.";
        }
        int id;
        try {
            id = Integer.parseInt(tradeId);
        } catch (NumberFormatException e) {
            throw HttpFailure.rpc(path, "invalid argument");
        }
        if (id < 1 || id > trades.size() || !trades.get(id - 1).open) {
            throw HttpFailure.rpc(path, "invalid argument");
        }
        SimulatedTrade trade = trades.get(id - 1);
        double price = market.price(trade.pair);
        closeTrade(trade, price, price, "force_exit", SimulatedTrade.MARKET_FEE, "market", now);
        return "Created exit order for trade " + id + ".";
    }

    private void pairCandles(Context ctx) {
        String pair = ctx.queryParam("pair");
        String tf = ctx.queryParam("timeframe");
        if (pair == null) {
            throw HttpFailure.validation("missing", "query", "pair", "Field required", null);
        }
        if (tf == null) {
            throw HttpFailure.validation("missing", "query", "timeframe", "Field required", null);
        }
        Integer limit = ctx.queryParam("limit") == null ? null : intQuery(ctx, "limit", 0);
        writeJson(ctx, 200, pairCandles(pair, tf, limit));
    }

    private Map<String, Object> pairCandles(String pair, String tf, Integer limit) {
        List<Candle> candles = List.of();
        long tfMillis = 0;
        try {
            Duration duration = FreqtradeFormat.timeframe(tf);
            tfMillis = duration.toMillis();
            boolean known = market.instruments().stream()
                    .anyMatch(i -> i.symbol().equals(pair) && i.kind() == Instrument.Kind.CRYPTO);
            if (known && tfMillis % MarketSettings.BASE_CANDLE.toMillis() == 0) {
                candles = market.candles(pair, duration, limit == null ? DEFAULT_CANDLE_LIMIT : Math.max(0, limit));
            }
        } catch (IllegalArgumentException e) {
            candles = List.of();
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Candle c : candles) {
            rows.add(java.util.Arrays.asList(FreqtradeFormat.isoSeconds(c.openTimeMillis()), c.open(), c.high(), c.low(),
                    c.close(), c.volume(), c.openTimeMillis()));
        }
        long now = clock.millis();
        long analysed = candles.isEmpty() ? now
                : Math.min(now, candles.get(candles.size() - 1).openTimeMillis() + 2 * tfMillis + 2_500);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("strategy", spec.strategy());
        body.put("pair", pair);
        body.put("timeframe", tf);
        body.put("timeframe_ms", tfMillis);
        body.put("columns", List.of("date", "open", "high", "low", "close", "volume", "__date_ts"));
        body.put("all_columns", List.of("date", "open", "high", "low", "close", "volume"));
        body.put("data", rows);
        body.put("length", rows.size());
        for (String key : List.of("buy_signals", "sell_signals", "enter_long_signals", "exit_long_signals",
                "enter_short_signals", "exit_short_signals")) {
            body.put(key, 0);
        }
        body.put("last_analyzed", FreqtradeFormat.isoMicros(analysed));
        body.put("last_analyzed_ts", analysed / 1000);
        long first = candles.isEmpty() ? 0 : candles.get(0).openTimeMillis();
        long last = candles.isEmpty() ? 0 : candles.get(candles.size() - 1).openTimeMillis();
        body.put("data_start_ts", first);
        body.put("data_start", candles.isEmpty() ? "" : FreqtradeFormat.pandasTimestamp(first));
        body.put("data_stop", candles.isEmpty() ? "" : FreqtradeFormat.pandasTimestamp(last));
        body.put("data_stop_ts", last);
        return body;
    }

    private JsonNode readBody(Context ctx) {
        try {
            JsonNode node = mapper.readTree(ctx.body());
            if (node == null || node.isMissingNode()) {
                throw HttpFailure.validation("missing", "body", null, "Field required", null);
            }
            return node;
        } catch (java.io.IOException e) {
            throw HttpFailure.validation("json_invalid", "body", null, "JSON decode error", ctx.body());
        }
    }

    private static int intQuery(Context ctx, String name, int defaultValue) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw HttpFailure.validation("int_parsing", "query", name,
                    "Input should be a valid integer, unable to parse string as an integer", raw);
        }
    }

    // ---------------------------------------------------------------- trade JSON

    /** OpenTradeSchema (for /status and /trade/{id}), in the response model's key order. */
    private Map<String, Object> openTradeSchema(SimulatedTrade t) {
        double current = t.open ? market.price(t.pair) : t.closeRate;
        double fee = t.feeClose;
        double profitAbs = t.open ? t.profitAbs(current, fee) : t.closeProfitAbs();
        double profitRatio = t.open ? FreqtradeFormat.round(t.profitRatio(current, fee), 8) : t.closeProfit();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trade_id", t.id);
        m.put("pair", t.pair);
        m.put("base_currency", t.baseCurrency);
        m.put("quote_currency", "USDT");
        m.put("is_open", t.open);
        m.put("is_short", t.side.isShort());
        m.put("exchange", "binance");
        m.put("amount", t.amount);
        m.put("amount_requested", t.amount);
        m.put("stake_amount", t.stake());
        m.put("max_stake_amount", t.notional());
        m.put("strategy", t.strategy);
        m.put("enter_tag", t.enterTag);
        m.put("timeframe", t.timeframeMinutes);
        putFees(m, t);
        putOpen(m, t);
        putClose(m, t);
        m.put("profit_ratio", profitRatio);
        m.put("profit_pct", FreqtradeFormat.round(profitRatio * 100, 2));
        m.put("profit_abs", profitAbs);
        m.put("profit_fiat", null);
        m.put("realized_profit", t.open ? 0.0 : t.closeProfitAbs());
        m.put("realized_profit_ratio", t.open ? null : t.closeProfit());
        m.put("exit_reason", t.exitReason);
        m.put("exit_order_status", t.open ? null : "closed");
        putStops(m, t);
        m.put("min_rate", t.minRate);
        m.put("max_rate", t.maxRate);
        m.put("has_open_orders", false);
        List<Map<String, Object>> orders = new ArrayList<>();
        orders.add(orderSchema(t, true));
        if (!t.open) {
            orders.add(orderSchema(t, false));
        }
        m.put("orders", orders);
        m.put("leverage", t.leverage);
        m.put("interest_rate", 0.0);
        m.put("liquidation_price", t.liquidationPrice());
        m.put("funding_fees", t.fundingFees);
        m.put("trading_mode", "futures");
        m.put("amount_precision", t.amountPrecision);
        m.put("price_precision", t.pricePrecision);
        m.put("precision_mode", 4);
        double dist = t.stopLoss - current;
        double distRatio = FreqtradeFormat.round(dist / current, 8);
        m.put("stoploss_current_dist", dist);
        m.put("stoploss_current_dist_pct", FreqtradeFormat.round(distRatio * 100, 2));
        m.put("stoploss_current_dist_ratio", distRatio);
        m.put("stoploss_entry_dist", t.profitAbs(t.stopLoss, fee));
        m.put("stoploss_entry_dist_ratio", FreqtradeFormat.round(t.profitRatio(t.stopLoss, fee), 8));
        m.put("current_rate", current);
        m.put("total_profit_abs", profitAbs);
        m.put("total_profit_fiat", null);
        m.put("total_profit_ratio", FreqtradeFormat.round(profitAbs / t.stake(), 8));
        return m;
    }

    /** {@code Trade.to_json()} (the raw /trades items), in its key order. */
    private Map<String, Object> tradeToJson(SimulatedTrade t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trade_id", t.id);
        m.put("pair", t.pair);
        m.put("base_currency", t.baseCurrency);
        m.put("quote_currency", "USDT");
        m.put("is_open", t.open);
        m.put("exchange", "binance");
        m.put("amount", t.amount);
        m.put("amount_requested", t.amount);
        m.put("stake_amount", t.stake());
        m.put("max_stake_amount", t.notional());
        m.put("strategy", t.strategy);
        m.put("enter_tag", t.enterTag);
        m.put("timeframe", t.timeframeMinutes);
        putFees(m, t);
        putOpen(m, t);
        m.put("close_date", t.open ? null : FreqtradeFormat.dateTime(t.closeMillis));
        m.put("close_timestamp", t.open ? null : t.closeMillis);
        m.put("realized_profit", t.open ? 0.0 : t.closeProfitAbs());
        m.put("realized_profit_ratio", t.open ? null : t.closeProfit());
        m.put("close_rate", t.open ? null : t.closeRate);
        m.put("close_rate_requested", t.open ? null : t.closeRateRequested);
        m.put("close_profit", t.open ? null : t.closeProfit());
        m.put("close_profit_pct", t.open ? null : FreqtradeFormat.round(t.closeProfit() * 100, 2));
        m.put("close_profit_abs", t.open ? null : t.closeProfitAbs());
        Long durationSeconds = t.open ? null : (t.closeMillis - t.openMillis) / 1000;
        m.put("trade_duration_s", durationSeconds);
        m.put("trade_duration", durationSeconds == null ? null : durationSeconds / 60);
        m.put("profit_ratio", t.open ? null : t.closeProfit());
        m.put("profit_pct", t.open ? null : FreqtradeFormat.round(t.closeProfit() * 100, 2));
        m.put("profit_abs", t.open ? null : t.closeProfitAbs());
        m.put("exit_reason", t.exitReason);
        m.put("exit_order_status", t.open ? null : "closed");
        putStops(m, t);
        m.put("min_rate", t.minRate);
        m.put("max_rate", t.maxRate);
        m.put("leverage", t.leverage);
        m.put("interest_rate", 0.0);
        m.put("liquidation_price", t.liquidationPrice());
        m.put("is_short", t.side.isShort());
        m.put("trading_mode", "futures");
        m.put("funding_fees", t.fundingFees);
        m.put("amount_precision", t.amountPrecision);
        m.put("price_precision", t.pricePrecision);
        m.put("precision_mode", 4);
        m.put("precision_mode_price", 4);
        m.put("contract_size", 1.0);
        m.put("has_open_orders", false);
        List<Map<String, Object>> orders = new ArrayList<>();
        orders.add(orderToJson(t, true));
        if (!t.open) {
            orders.add(orderToJson(t, false));
        }
        m.put("orders", orders);
        return m;
    }

    private static void putFees(Map<String, Object> m, SimulatedTrade t) {
        m.put("fee_open", t.feeOpen);
        m.put("fee_open_cost", t.notional() * t.feeOpen);
        m.put("fee_open_currency", null);
        m.put("fee_close", t.feeClose);
        m.put("fee_close_cost", null);
        m.put("fee_close_currency", null);
    }

    private static void putOpen(Map<String, Object> m, SimulatedTrade t) {
        m.put("open_date", FreqtradeFormat.dateTime(t.openMillis));
        m.put("open_timestamp", t.openMillis);
        m.put("open_fill_date", FreqtradeFormat.dateTime(t.openFillMillis));
        m.put("open_fill_timestamp", t.openFillMillis);
        m.put("open_rate", t.openRate);
        m.put("open_rate_requested", t.openRate);
        m.put("open_trade_value", t.openTradeValue());
    }

    private static void putClose(Map<String, Object> m, SimulatedTrade t) {
        m.put("close_date", t.open ? null : FreqtradeFormat.dateTime(t.closeMillis));
        m.put("close_timestamp", t.open ? null : t.closeMillis);
        m.put("close_rate", t.open ? null : t.closeRate);
        m.put("close_rate_requested", t.open ? null : t.closeRateRequested);
        m.put("close_profit", t.open ? null : t.closeProfit());
        m.put("close_profit_pct", t.open ? null : FreqtradeFormat.round(t.closeProfit() * 100, 2));
        m.put("close_profit_abs", t.open ? null : t.closeProfitAbs());
    }

    private static void putStops(Map<String, Object> m, SimulatedTrade t) {
        double ratio = FreqtradeFormat.round(t.stopLossRatio(t.stopLoss), 8);
        double initialRatio = FreqtradeFormat.round(t.stopLossRatio(t.initialStopLoss), 8);
        m.put("stop_loss_abs", t.stopLoss);
        m.put("stop_loss_ratio", ratio);
        m.put("stop_loss_pct", FreqtradeFormat.round(ratio * 100, 2));
        m.put("stoploss_last_update", null);
        m.put("stoploss_last_update_timestamp", null);
        m.put("initial_stop_loss_abs", t.initialStopLoss);
        m.put("initial_stop_loss_ratio", initialRatio);
        m.put("initial_stop_loss_pct", FreqtradeFormat.round(initialRatio * 100, 2));
    }

    private static Map<String, Object> orderSchema(SimulatedTrade t, boolean entry) {
        Map<String, Object> o = new LinkedHashMap<>();
        String side = entry ? t.entryOrderSide() : t.exitOrderSide();
        long placed = entry ? t.openMillis : t.exitOrderMillis;
        double price = entry ? t.openRate : t.closeRate;
        o.put("pair", t.pair);
        o.put("order_id", t.orderId(side, placed));
        o.put("status", "closed");
        o.put("remaining", 0.0);
        o.put("amount", t.amount);
        o.put("safe_price", price);
        o.put("cost", t.amount * price);
        o.put("filled", t.amount);
        o.put("ft_order_side", side);
        o.put("order_type", entry ? "limit" : t.exitOrderType);
        o.put("is_open", false);
        o.put("order_timestamp", placed);
        o.put("order_filled_timestamp", entry ? t.openFillMillis : t.closeMillis);
        o.put("ft_fee_base", null);
        o.put("ft_order_tag", entry ? t.enterTag : t.exitReason);
        return o;
    }

    private static Map<String, Object> orderToJson(SimulatedTrade t, boolean entry) {
        String side = entry ? t.entryOrderSide() : t.exitOrderSide();
        long placed = entry ? t.openMillis : t.exitOrderMillis;
        long filled = entry ? t.openFillMillis : t.closeMillis;
        double price = entry ? t.openRate : t.closeRate;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("amount", t.amount);
        o.put("safe_price", price);
        o.put("ft_order_side", side);
        o.put("order_filled_timestamp", filled);
        o.put("ft_is_entry", entry);
        o.put("ft_order_tag", entry ? t.enterTag : t.exitReason);
        o.put("pair", t.pair);
        o.put("order_id", t.orderId(side, placed));
        o.put("status", "closed");
        o.put("average", price);
        o.put("cost", t.amount * price);
        o.put("filled", t.amount);
        o.put("is_open", false);
        o.put("order_date", FreqtradeFormat.dateTime(placed));
        o.put("order_timestamp", placed);
        o.put("order_filled_date", FreqtradeFormat.dateTime(filled));
        o.put("order_type", entry ? "limit" : t.exitOrderType);
        o.put("price", entry ? t.openRate : t.closeRateRequested);
        o.put("remaining", 0.0);
        o.put("ft_fee_base", null);
        o.put("funding_fee", entry ? 0.0 : t.fundingFees);
        return o;
    }
}
