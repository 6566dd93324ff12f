package com.portfolioorchestrator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot's strategy in the demo: at random times (its cadence) it reads a signal from the market, asks the
 * orchestrator {@code POST /api/v1/decisions} with the bot's bearer token (every PRODUCT.md section 3 field it can
 * fill), and when allowed opens the trade in its bot with the approved stake and reports {@code POST .../fill}.
 * Anything but 200 with {@code allowed: true} is a deny, as the Freqtrade mixin treats it. Sometimes an allowed order
 * "times out" and is retried (attempt 2, {@code retry_of}, 90 % of the approved stake).
 *
 * <p>Signals and timing come from a seeded random stream; HTTP calls are blocking and must not run on the world's
 * clock thread ({@link DemoWorld} runs {@link #act(Instant)} on a worker).
 */
public final class SimulatedStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedStrategy.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final double RETRY_SIZE_FACTOR = 0.90;

    private final StrategySpec spec;
    private final SimulatedFreqtradeBot bot;
    private final MarketSimulator market;
    private final Clock clock;
    private final OkHttpClient http;
    private final String decisionsUrl;
    private final String token;
    private final String runId;
    private final Random random;
    private final ObjectMapper mapper = new ObjectMapper();

    private long nextSignalMillis;
    private long sequence;
    private long requests;
    private long allowed;
    private long scaled;
    private long denied;
    private final Map<String, Long> deniedByCode = new TreeMap<>();
    private final Map<Integer, Long> httpErrors = new TreeMap<>();
    private long transportErrors;
    private long retries;
    private long tradesOpened;
    private long botRefusals;
    private long fillsReported;

    /**
     * @param orchestratorUrl  base URL of the orchestrator, e.g. {@code http://127.0.0.1:8080}
     * @param token            the bearer token this bot presents
     * @param runId            makes request ids unique across runs (the orchestrator answers 409 to a reused id)
     * @param seed             the strategy's random stream
     */
    public SimulatedStrategy(StrategySpec spec, SimulatedFreqtradeBot bot, MarketSimulator market, Clock clock,
                             OkHttpClient http, String orchestratorUrl, String token, String runId, long seed) {
        this.spec = spec;
        this.bot = bot;
        this.market = market;
        this.clock = clock;
        this.http = http;
        this.decisionsUrl = stripSlash(orchestratorUrl) + "/api/v1/decisions";
        this.token = token;
        this.runId = runId;
        this.random = new Random(seed);
        this.nextSignalMillis = clock.millis() + nextDelayMillis();
    }

    public StrategySpec spec() {
        return spec;
    }

    /** True when a signal is due at {@code now}. */
    public synchronized boolean isDue(Instant now) {
        long t = now.toEpochMilli();
        if (spec.burstInterval() != null && market.volatilityMultiplier() > 1.5
                && nextSignalMillis - t > 3 * spec.burstInterval().toMillis()) {
            // an event strategy wakes up when a burst starts instead of sleeping through it
            nextSignalMillis = t + nextDelayMillis();
        }
        return t >= nextSignalMillis;
    }

    /** Forces the next signal to be due now (tests). */
    public synchronized void triggerNow() {
        nextSignalMillis = clock.millis();
    }

    /** Sets when the first signal comes (the world staggers its strategies' first round). */
    public synchronized void scheduleFirstSignal(Instant at) {
        nextSignalMillis = at.toEpochMilli();
    }

    /** If a signal is due: schedules the next one, asks for a decision and acts on it. Blocking (HTTP). */
    public void act(Instant now) {
        Signal signal;
        synchronized (this) {
            if (now.toEpochMilli() < nextSignalMillis) {
                return;
            }
            nextSignalMillis = now.toEpochMilli() + nextDelayMillis();
            signal = signal();
        }
        if (signal != null) {
            execute(signal);
        }
    }

    public synchronized StrategyStats stats() {
        return new StrategyStats(requests, allowed, scaled, denied, deniedByCode, httpErrors, transportErrors, retries,
                tradesOpened, botRefusals, fillsReported);
    }

    private long nextDelayMillis() {
        Duration mean = spec.burstInterval() != null && market.volatilityMultiplier() > 1.5
                ? spec.burstInterval() : spec.meanInterval();
        double u = random.nextDouble();
        return Math.max(1000, (long) (-Math.log(1 - u) * mean.toMillis()));
    }

    private record Signal(String pair, Side side, double stake, double price, double stop, double takeProfit,
                          double spreadBps, double slippageBps, Double fundingRate, double edgeScore, boolean retry,
                          String grade) {
    }

    /** A signal on a pair the bot holds no trade in, or null when the bot has no room (Freqtrade would not ask). */
    private Signal signal() {
        java.util.List<String> free = new java.util.ArrayList<>(spec.pairs());
        free.removeAll(bot.openPairs());
        if (free.isEmpty() || bot.openTradeCount() >= bot.spec().maxOpenTrades()) {
            return null;
        }
        String pair = free.get(random.nextInt(free.size()));
        double move = market.logReturn(pair, spec.lookback());
        boolean up = move > 0 || (move == 0 && random.nextBoolean());
        Side side = spec.style() == StrategySpec.Style.MOMENTUM ? (up ? Side.LONG : Side.SHORT)
                : (up ? Side.SHORT : Side.LONG);
        double price = market.price(pair);
        double step = market.instruments().stream().filter(i -> i.symbol().equals(pair)).findFirst().orElseThrow()
                .priceStep();
        double distance = price * spec.stopDistance();
        double stop = roundTo(side.isShort() ? price + distance : price - distance, step);
        double target = roundTo(side.isShort() ? price - distance * spec.takeProfitMultiple()
                : price + distance * spec.takeProfitMultiple(), step);
        if (target <= 0) {
            target = step;
        }
        double stake = Math.rint(bot.spec().startingCapital() * spec.stakeFraction() * (0.8 + 0.4 * random.nextDouble())
                * 100) / 100;
        double spread = market.spreadBps(pair);
        double slippage = Math.rint((spread / 2 + 2.0 * market.volatilityMultiplier() + random.nextDouble()) * 100) / 100;
        Double funding = random.nextDouble() < spec.fundingAbsentProbability() ? null : market.fundingRate(pair);
        double edge = Math.rint(Math.min(1.0, Math.abs(move) * 20 + 0.1 * random.nextDouble()) * 10_000) / 10_000;
        boolean retry = random.nextDouble() < spec.retryProbability();
        String grade = spec.bucket().equals("event") ? (edge > 0.5 ? "A" : "B") : null;
        return new Signal(pair, side, stake, price, stop, target, spread, slippage, funding, edge, retry, grade);
    }

    private static double roundTo(double value, double step) {
        double scaled = Math.rint(value / step) * step;
        return Math.rint(scaled * 1e8) / 1e8;
    }

    private void execute(Signal s) {
        Optional<JsonNode> first = decide(s, s.stake(), 1, null);
        if (first.isEmpty()) {
            return;
        }
        JsonNode decision = first.get();
        if (s.retry()) {
            synchronized (this) {
                retries++;
            }
            double retryStake = Math.rint(decision.path("approved_stake_amount").asDouble() * RETRY_SIZE_FACTOR * 100) / 100;
            Optional<JsonNode> second = decide(s, retryStake, 2, decision.path("decision_id").asText());
            if (second.isEmpty()) {
                return;
            }
            decision = second.get();
        }
        String decisionId = decision.path("decision_id").asText();
        double approved = decision.path("approved_stake_amount").asDouble();
        OpenOutcome outcome = bot.openTrade(s.pair(), s.side(), approved, spec.leverage(), s.price(), s.stop(),
                s.takeProfit(), spec.maxHold(), spec.bucket() + "_" + spec.style().name().toLowerCase(java.util.Locale.ROOT));
        if (outcome instanceof OpenOutcome.Opened opened) {
            synchronized (this) {
                tradesOpened++;
            }
            if (post(decisionsUrl + "/" + decisionId + "/fill", Map.of("trade_id", opened.tradeId()))) {
                synchronized (this) {
                    fillsReported++;
                }
            }
        } else if (outcome instanceof OpenOutcome.Refused refused) {
            LOG.debug("{}: bot refused an allowed entry on {}: {}", spec.botId(), s.pair(), refused.reason());
            synchronized (this) {
                botRefusals++;
            }
            post(decisionsUrl + "/" + decisionId + "/cancel", Map.of());
        }
    }

    /** Sends one decision request; returns the decision when it is a 200 with allowed=true, else counts the deny. */
    private Optional<JsonNode> decide(Signal s, double stake, int attempt, String retryOf) {
        Map<String, Object> body = new LinkedHashMap<>();
        long n;
        synchronized (this) {
            n = ++sequence;
            requests++;
        }
        body.put("request_id", spec.botId() + "-" + runId + "-" + n);
        body.put("bot_id", spec.botId());
        body.put("pair", s.pair());
        body.put("side", s.side().wire());
        body.put("kind", "entry");
        body.put("stake_amount", stake);
        body.put("leverage", spec.leverage());
        body.put("entry_price", s.price());
        body.put("stop_price", s.stop());
        body.put("min_stake", spec.minStake());
        body.put("order_type", "limit");
        body.put("spread_bps", s.spreadBps());
        body.put("expected_slippage_bps", s.slippageBps());
        if (s.fundingRate() != null) {
            body.put("funding_rate", s.fundingRate());
        }
        body.put("edge_score", s.edgeScore());
        if (s.grade() != null) {
            body.put("grade", s.grade());
        }
        if (attempt > 1) {
            body.put("attempt", attempt);
            body.put("retry_of", retryOf);
        }
        Request request;
        try {
            request = new Request.Builder().url(decisionsUrl).header("Authorization", "Bearer " + token)
                    .post(RequestBody.create(mapper.writeValueAsBytes(body), JSON)).build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a decision request", e);
        }
        try (Response response = http.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            if (response.code() != 200) {
                synchronized (this) {
                    httpErrors.merge(response.code(), 1L, Long::sum);
                }
                return Optional.empty();
            }
            JsonNode decision = mapper.readTree(text);
            if (decision == null || !decision.path("allowed").isBoolean() || !decision.path("decision_id").isTextual()) {
                synchronized (this) {
                    transportErrors++;
                }
                return Optional.empty();
            }
            if (!decision.get("allowed").asBoolean()) {
                String code = decision.path("denied_by").isTextual() ? decision.get("denied_by").asText() : "UNKNOWN";
                synchronized (this) {
                    denied++;
                    deniedByCode.merge(code, 1L, Long::sum);
                }
                return Optional.empty();
            }
            double approved = decision.path("approved_stake_amount").asDouble(Double.NaN);
            if (!(approved > 0)) {
                synchronized (this) {
                    transportErrors++;
                }
                return Optional.empty();
            }
            synchronized (this) {
                allowed++;
                if (approved < stake - 1e-9) {
                    scaled++;
                }
            }
            return Optional.of(decision);
        } catch (IOException e) {
            synchronized (this) {
                transportErrors++;
            }
            LOG.debug("{}: decision request failed: {}", spec.botId(), e.toString());
            return Optional.empty();
        }
    }

    private boolean post(String url, Object body) {
        try {
            Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token)
                    .post(RequestBody.create(mapper.writeValueAsBytes(body), JSON)).build();
            try (Response response = http.newCall(request).execute()) {
                return response.isSuccessful();
            }
        } catch (IOException e) {
            LOG.debug("{}: POST {} failed: {}", spec.botId(), url, e.toString());
            return false;
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
