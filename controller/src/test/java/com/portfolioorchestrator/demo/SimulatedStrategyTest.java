package com.portfolioorchestrator.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedStrategyTest {
    private static final Instant START = Instant.parse("2026-12-10T12:00:00Z");
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();

    private StubOrchestrator orchestrator;
    private SimulatedClock clock;
    private MarketSimulator market;
    private SimulatedFreqtradeBot bot;

    @BeforeEach
    void start() {
        orchestrator = new StubOrchestrator();
        clock = new SimulatedClock(START);
        market = new MarketSimulator(MarketSettings.defaults(5, START).withHistory(Duration.ofDays(2)));
        market.addTickListener(clock::advanceTo);
        bot = new SimulatedFreqtradeBot(FreqtradeBotSpec.of("S1", 5_000), market, clock);
        market.addTickListener(bot::onTick);
    }

    @AfterEach
    void stop() {
        orchestrator.close();
    }

    @AfterAll
    static void closeHttp() {
        HTTP.dispatcher().executorService().shutdown();
        HTTP.connectionPool().evictAll();
    }

    private SimulatedStrategy strategy(double retryProbability) {
        StrategySpec spec = new StrategySpec("S1", "hft", Duration.ofMinutes(4), null, StrategySpec.Style.MOMENTUM,
                Duration.ofMinutes(15), List.of("BTC/USDT:USDT"), 0.12, 3, 0.006, 1.5, Duration.ofMinutes(45),
                retryProbability, 0.0, 10);
        SimulatedStrategy strategy = new SimulatedStrategy(spec, bot, market, clock, HTTP, orchestrator.url(),
                "paper-s1-token", "run1", 99);
        strategy.triggerNow();
        return strategy;
    }

    @Test
    void allowed_opensTheTradeWithTheApprovedStake_andReportsTheFill() {
        orchestrator.answer(request -> StubOrchestrator.Verdict.allow(0.8));
        SimulatedStrategy strategy = strategy(0.0);
        strategy.act(clock.instant());

        List<StubOrchestrator.Call> decisions = orchestrator.calls("/decisions");
        assertThat(decisions).hasSize(2);
        StubOrchestrator.Call decision = decisions.get(0);
        assertThat(decision.authorization()).isEqualTo("Bearer paper-s1-token");
        JsonNode request = decision.body();
        assertThat(request.get("bot_id").asText()).isEqualTo("S1");
        assertThat(request.get("request_id").asText()).startsWith("S1-run1-");
        assertThat(request.get("pair").asText()).isEqualTo("BTC/USDT:USDT");
        assertThat(request.get("side").asText()).isIn("long", "short");
        assertThat(request.get("kind").asText()).isEqualTo("entry");
        assertThat(request.get("leverage").asDouble()).isEqualTo(3.0);
        assertThat(request.get("entry_price").asDouble()).isEqualTo(market.price("BTC/USDT:USDT"));
        assertThat(request.get("stop_price").asDouble()).isPositive();
        assertThat(request.get("min_stake").asDouble()).isEqualTo(10.0);
        assertThat(request.get("order_type").asText()).isEqualTo("limit");
        assertThat(request.get("spread_bps").asDouble()).isEqualTo(market.spreadBps("BTC/USDT:USDT"));
        assertThat(request.get("expected_slippage_bps").asDouble()).isPositive();
        assertThat(request.get("funding_rate").isNumber()).isTrue();
        assertThat(request.has("attempt")).isFalse();
        double requested = request.get("stake_amount").asDouble();
        assertThat(requested).isBetween(5_000 * 0.12 * 0.8, 5_000 * 0.12 * 1.2);

        assertThat(bot.openTradeCount()).isEqualTo(1);
        StubOrchestrator.Call fill = decisions.get(1);
        assertThat(fill.path()).isEqualTo("/api/v1/decisions/d-1/fill");
        assertThat(fill.body().get("trade_id").asInt()).isEqualTo(1);
        assertThat(fill.authorization()).isEqualTo("Bearer paper-s1-token");
        double approved = Math.rint(requested * 0.8 * 100) / 100;
        bot.start();
        try {
            JsonNode trade = TestHttp.get(bot.url() + "/api/v1/trade/1", TestHttp.basic("freqtrader", "s1-password")).json();
            assertThat(trade.get("stake_amount").asDouble()).isLessThanOrEqualTo(approved)
                    .isCloseTo(approved, within(1.0));
            assertThat(trade.get("leverage").asDouble()).isEqualTo(3.0);
            boolean isShort = request.get("side").asText().equals("short");
            assertThat(trade.get("is_short").asBoolean()).isEqualTo(isShort);
            assertThat(trade.get("stop_loss_abs").asDouble()).isEqualTo(request.get("stop_price").asDouble());
        } finally {
            bot.close();
        }
        StrategyStats stats = strategy.stats();
        assertThat(stats.requests()).isEqualTo(1);
        assertThat(stats.allowed()).isEqualTo(1);
        assertThat(stats.scaled()).isEqualTo(1);
        assertThat(stats.tradesOpened()).isEqualTo(1);
        assertThat(stats.fillsReported()).isEqualTo(1);
    }

    @Test
    void denied_opensNoTrade_andCountsTheCode() {
        orchestrator.answer(request -> StubOrchestrator.Verdict.deny("LOSS_STREAK_COOLDOWN"));
        SimulatedStrategy strategy = strategy(0.0);
        strategy.act(clock.instant());
        strategy.triggerNow();
        strategy.act(clock.instant());
        assertThat(bot.openTradeCount()).isZero();
        assertThat(orchestrator.calls("/fill")).isEmpty();
        StrategyStats stats = strategy.stats();
        assertThat(stats.denied()).isEqualTo(2);
        assertThat(stats.deniedByCode()).isEqualTo(Map.of("LOSS_STREAK_COOLDOWN", 2L));
        assertThat(orchestrator.calls("/decisions").get(0).body().get("request_id").asText())
                .isNotEqualTo(orchestrator.calls("/decisions").get(1).body().get("request_id").asText());
    }

    @Test
    void anythingButA200_isADeny() {
        orchestrator.answer(request -> StubOrchestrator.Verdict.http(503));
        SimulatedStrategy strategy = strategy(0.0);
        strategy.act(clock.instant());
        assertThat(bot.openTradeCount()).isZero();
        assertThat(strategy.stats().httpErrors()).isEqualTo(Map.of(503, 1L));
        orchestrator.close();
        strategy.triggerNow();
        strategy.act(clock.instant());
        assertThat(bot.openTradeCount()).isZero();
        assertThat(strategy.stats().transportErrors()).isEqualTo(1);
    }

    @Test
    void timedOutOrder_isRetriedAsAttempt2_atNinetyPercentOfTheApprovedStake() {
        orchestrator.answer(request -> StubOrchestrator.Verdict.allow(1.0));
        SimulatedStrategy strategy = strategy(1.0);
        strategy.act(clock.instant());
        List<StubOrchestrator.Call> calls = orchestrator.calls("/decisions");
        assertThat(calls).hasSize(3);
        JsonNode first = calls.get(0).body();
        JsonNode retry = calls.get(1).body();
        assertThat(retry.get("attempt").asInt()).isEqualTo(2);
        assertThat(retry.get("retry_of").asText()).isEqualTo("d-1");
        assertThat(retry.get("stake_amount").asDouble())
                .isCloseTo(first.get("stake_amount").asDouble() * 0.9, within(0.011));
        assertThat(retry.get("request_id").asText()).isNotEqualTo(first.get("request_id").asText());
        assertThat(calls.get(2).path()).isEqualTo("/api/v1/decisions/d-2/fill");
        assertThat(bot.openTradeCount()).isEqualTo(1);
        assertThat(strategy.stats().retries()).isEqualTo(1);
    }

    @Test
    void allowedButRefusedByTheBot_cancelsTheDecision() {
        orchestrator.answer(request -> StubOrchestrator.Verdict.allow(1.0));
        bot.lockAll(START.plus(Duration.ofHours(1)), "kill switch");
        SimulatedStrategy strategy = strategy(0.0);
        strategy.act(clock.instant());
        assertThat(bot.openTradeCount()).isZero();
        assertThat(orchestrator.calls("/cancel")).hasSize(1);
        assertThat(orchestrator.calls("/cancel").get(0).path()).isEqualTo("/api/v1/decisions/d-1/cancel");
        assertThat(strategy.stats().botRefusals()).isEqualTo(1);
    }
}
