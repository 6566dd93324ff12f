package com.portfolioorchestrator.api;

import static com.portfolioorchestrator.api.ApiTestServer.S1;
import static com.portfolioorchestrator.api.ApiTestServer.S2;
import static com.portfolioorchestrator.api.ApiTestServer.S3;
import static com.portfolioorchestrator.api.ApiTestServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.portfolioorchestrator.api.ApiTestServer.Req;
import com.portfolioorchestrator.core.DenyCode;
import com.portfolioorchestrator.core.Pair;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.allocation.Allocation;
import com.portfolioorchestrator.core.engine.BotHealth;
import com.portfolioorchestrator.core.engine.ClosedTrade;
import com.portfolioorchestrator.core.engine.DecisionEngine;
import com.portfolioorchestrator.core.engine.OpenPosition;
import com.portfolioorchestrator.core.engine.ReconciliationState;
import com.portfolioorchestrator.core.regime.VolatilityRegime;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every deny code reachable by a request, each in its own test named {@code denies_<CODE>_when...}, set up through the
 * real API and the engine's inputs (what the poller and the operators feed it). The shipped config: equity 100,000 USD,
 * balanced (leverage 2.5, risk budget 1.4 %, P5 crypto 25 % of it = 350 at stop, max 10 open trades). The default
 * request is S1 long BTC/USDT:USDT, stake 1000 x2 (notional 2000, 40 at stop), inside every limit.
 * {@link #everyDenyCode_isCoveredByATest_orListedAsNotReachableByARequest} keeps the list complete.
 */
class DenyCodeApiTest {
    /** Deny codes that no request can produce, each with the reason. Empty: every code is reachable. */
    private static final Map<DenyCode, String> NOT_REACHABLE_BY_A_REQUEST = Map.of();

    @TempDir
    Path dir;
    private ApiTestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ApiTestServer start() {
        return start(UnaryOperator.identity());
    }

    private ApiTestServer start(UnaryOperator<String> edit) {
        server = ApiTestServer.start(dir, text -> edit.apply(ApiTestServer.highHttpRate().apply(text)));
        server.feedPortfolio();
        return server;
    }

    private static JsonNode assertDenied(JsonNode d, DenyCode code) {
        assertThat(d.path("allowed").asBoolean()).as(d.toString()).isFalse();
        assertThat(d.path("denied_by").asText()).as(d.toString()).isEqualTo(code.name());
        assertThat(d.path("approved_stake_amount").asDouble()).isZero();
        assertThat(d.path("reservation_expires_at").isNull()).isTrue();
        JsonNode checks = d.path("checks");
        assertThat(checks.get(checks.size() - 1).path("passed").asBoolean()).as("the last check is the failing gate").isFalse();
        assertThat(d.path("reasons").get(d.path("reasons").size() - 1).asText()).startsWith(code.name() + ":");
        return d;
    }

    private static void assertAllowed(JsonNode d) {
        assertThat(d.path("allowed").asBoolean()).as(d.toString()).isTrue();
    }

    private static JsonNode lastCheck(JsonNode d) {
        return d.path("checks").get(d.path("checks").size() - 1);
    }

    private Instant at(Duration later) {
        return server.now().plus(later);
    }

    private static OpenPosition position(String tradeId, String pair, double stake, double entry, OptionalDouble stop, Instant at) {
        return new OpenPosition(tradeId, Pair.parse(pair), Side.LONG, stake, 1, entry, stop, at);
    }

    /** A position whose stop is at break-even: it holds notional and a slot, no risk. */
    private static OpenPosition riskFree(String tradeId, String pair, double stake, Instant at) {
        return position(tradeId, pair, stake, 10, OptionalDouble.of(10), at);
    }

    // ========================================================================================= coverage

    @Test
    void everyDenyCode_isCoveredByATest_orListedAsNotReachableByARequest() throws Exception {
        Set<DenyCode> covered = EnumSet.noneOf(DenyCode.class);
        for (Method m : DenyCodeApiTest.class.getDeclaredMethods()) {
            String name = m.getName();
            if (m.isAnnotationPresent(Test.class) && name.startsWith("denies_") && name.contains("_when")) {
                covered.add(DenyCode.valueOf(name.substring("denies_".length(), name.indexOf("_when"))));
            }
        }
        List<DenyCode> missing = new ArrayList<>();
        for (DenyCode code : DenyCode.values()) {
            if (!covered.contains(code) && !NOT_REACHABLE_BY_A_REQUEST.containsKey(code)) {
                missing.add(code);
            }
        }
        assertThat(missing).as("deny codes with neither a test nor a reason why no request reaches them").isEmpty();
        Set<DenyCode> both = EnumSet.copyOf(covered);
        both.retainAll(NOT_REACHABLE_BY_A_REQUEST.keySet());
        assertThat(both).as("covered by a test and listed as not reachable at once").isEmpty();
        NOT_REACHABLE_BY_A_REQUEST.values().forEach(reason -> assertThat(reason).isNotBlank());
        assertThat(covered).as("covered by a test").hasSize(DenyCode.values().length - NOT_REACHABLE_BY_A_REQUEST.size());
    }

    // ========================================================================================= trading state, data

    @Test
    void denies_KILL_SWITCH_whenAnOperatorTrippedIt() {
        ApiTestServer s = start();
        s.engine(e -> {
            e.tripKillSwitch("operator test", s.now());
            return null;
        });
        JsonNode d = assertDenied(s.decision(S1, Req.s1()), DenyCode.KILL_SWITCH);
        assertThat(d.path("trading_state").asText()).isEqualTo("HALTED");
        assertThat(d.path("checks")).hasSize(1);
        s.engine(e -> {
            e.releaseKillSwitch("operator test over", s.now());
            return null;
        });
        assertAllowed(s.decision(S1, Req.s1()));
    }

    @Test
    void denies_TRADING_HALTED_whenTheTradingStateIsReducing() {
        ApiTestServer s = start();
        s.engine(e -> {
            e.setReducing(true, "operator: reduce risk", s.now());
            return null;
        });
        JsonNode d = assertDenied(s.decision(S1, Req.s1()), DenyCode.TRADING_HALTED);
        assertThat(d.path("trading_state").asText()).isEqualTo("REDUCING");
    }

    @Test
    void denies_STALE_DATA_whenTheBotsDataIsStale_orThePortfolioView() {
        ApiTestServer s = start();
        s.engine(e -> {
            e.onBotHealth("S1", BotHealth.STALE, s.now());
            return null;
        });
        JsonNode d = assertDenied(s.decision(S1, Req.s1()), DenyCode.STALE_DATA);
        assertThat(d.path("reasons").get(0).asText()).contains("S1");
        assertAllowed(s.decision(S2, new Req("S2")));
        s.engine(e -> {
            e.onPortfolioStale(true);
            return null;
        });
        assertDenied(s.decision(S2, new Req("S2")), DenyCode.STALE_DATA);
    }

    @Test
    void denies_UNKNOWN_STAKE_CURRENCY_whenNoRateConvertsThePairsStakeCurrency() {
        ApiTestServer s = start();
        JsonNode d = assertDenied(s.decision(S1, Req.s1().with("pair", "BTC/EUR")), DenyCode.UNKNOWN_STAKE_CURRENCY);
        assertThat(d.path("reasons").get(0).asText()).contains("EUR");
        assertAllowed(s.decision(S1, Req.s1().with("pair", "BTC/USDC")));
    }

    // ========================================================================================= broker (IBKR futures)

    /** IBKR enabled, and S7 trades its asset class (futures): the broker gates apply to S7's entries. */
    private static UnaryOperator<String> ibkrFuturesS7() {
        return text -> {
            String withIbkr = text.replace("[ibkr]                               # abstractfinance Phases 2 and 9\nenabled = false",
                    "[ibkr]\nenabled = true");
            assertThat(withIbkr).isNotEqualTo(text);
            int s7 = withIbkr.indexOf("id = \"S7\"");
            int cls = withIbkr.indexOf("asset_class = \"crypto\"", s7);
            return withIbkr.substring(0, cls) + "asset_class = \"futures\"" + withIbkr.substring(cls + "asset_class = \"crypto\"".length());
        };
    }

    @Test
    void denies_MAINTENANCE_WINDOW_whenAFuturesEntryFallsInsideAnIbkrWindow() {
        ApiTestServer s = ApiTestServer.start(dir, t -> ibkrFuturesS7().apply(ApiTestServer.highHttpRate().apply(t)));
        server = s;
        s.clock.set(Instant.parse("2026-11-23T22:05:00Z")); // "daily 22:00-22:15"
        s.feedPortfolio();
        assertDenied(s.decision("paper-s7-token", new Req("S7")), DenyCode.MAINTENANCE_WINDOW);
        assertAllowed(s.decision(S1, Req.s1())); // crypto is not at the broker
        s.clock.set(Instant.parse("2026-11-23T22:15:00Z")); // the window's end is exclusive
        assertAllowed(s.decision("paper-s7-token", new Req("S7")));
    }

    @Test
    void denies_RECONCILIATION_HALT_whenTheIbkrNavReconciliationIsInHalt() {
        ApiTestServer s = ApiTestServer.start(dir, t -> ibkrFuturesS7().apply(ApiTestServer.highHttpRate().apply(t)));
        server = s;
        s.feedPortfolio();
        assertAllowed(s.decision("paper-s7-token", new Req("S7")));
        s.engine(e -> {
            e.onReconciliation(ReconciliationState.HALT, s.now());
            return null;
        });
        assertDenied(s.decision("paper-s7-token", new Req("S7")), DenyCode.RECONCILIATION_HALT);
        assertAllowed(s.decision(S1, Req.s1()));
    }

    // ========================================================================================= news, rate limits

    @Test
    void denies_NEWS_SHIELD_whenAHighImpactEventIsWithinFiveMinutes() {
        server = ApiTestServer.start(dir, ApiTestServer.highHttpRate());
        ApiTestServer s = server;
        Instant cpi = Instant.parse("2026-12-10T13:30:00Z"); // config/events.json: US CPI, high, every asset
        s.clock.set(cpi.minus(Duration.ofMinutes(5)).minusMillis(1));
        s.feedPortfolio();
        assertAllowed(s.decision(S1, Req.s1()));
        s.clock.set(cpi.minus(Duration.ofMinutes(5)));
        JsonNode d = assertDenied(s.decision(S2, new Req("S2")), DenyCode.NEWS_SHIELD);
        assertThat(d.path("reasons").get(0).asText()).contains("2026-12-10T13:30:00Z");
        s.clock.set(cpi.plus(Duration.ofMinutes(3)));
        assertDenied(s.decision(S3, new Req("S3")), DenyCode.NEWS_SHIELD);
        s.clock.set(cpi.plus(Duration.ofMinutes(3)).plusMillis(1));
        assertAllowed(s.decision(S3, new Req("S3")));
    }

    @Test
    void denies_RATE_LIMITED_whenABotHadThreeAllowedEntriesInTheLastMinute() {
        ApiTestServer s = start();
        for (String pair : new String[] {"XRP/USDT:USDT", "ADA/USDT:USDT", "LINK/USDT:USDT"}) {
            assertAllowed(s.decision(S1, Req.s1().with("pair", pair).with("entry_price", 1).with("stop_price", 0.98)));
            s.clock.advance(Duration.ofSeconds(1));
        }
        Req fourth = Req.s1().with("pair", "DOT/USDT:USDT").with("entry_price", 1).with("stop_price", 0.98);
        JsonNode d = assertDenied(s.decision(S1, fourth), DenyCode.RATE_LIMITED);
        assertThat(lastCheck(d).path("gate").asText()).isEqualTo("RATE_LIMIT_MINUTE");
        assertThat(lastCheck(d).path("value").asDouble()).isEqualTo(3.0);
        assertAllowed(s.decision(S2, new Req("S2").with("pair", "DOT/USDT:USDT").with("entry_price", 1).with("stop_price", 0.98)));
        s.clock.set(ApiTestServer.START.plus(Duration.ofSeconds(60))); // the first entry is exactly 60 s old: it has left
        assertAllowed(s.decision(S1, fourth.copy().with("request_id", ApiTestServer.nextRequestId())));
    }

    // ========================================================================================= breakers

    @Test
    void denies_DAILY_LOSS_SOFT_whenTheDayLostTwoPercent_forTwoHours() {
        ApiTestServer s = start();
        s.clock.advance(Duration.ofMinutes(1));
        s.engine(e -> {
            e.onEquity(s.now(), 98_000, -2_000); // -2 % of the start-of-day 100,000
            return null;
        });
        JsonNode d = assertDenied(s.decision(S1, Req.s1()), DenyCode.DAILY_LOSS_SOFT);
        assertThat(lastCheck(d).path("value").asDouble()).isEqualTo(-0.02);
        s.clock.advance(Duration.ofHours(2).minusMillis(1));
        assertDenied(s.decision(S1, Req.s1()), DenyCode.DAILY_LOSS_SOFT);
        s.clock.advance(Duration.ofMillis(1));
        assertAllowed(s.decision(S1, Req.s1()));
    }

    @Test
    void denies_DAILY_LOSS_HARD_whenTheDayLostThreePercent_untilTheNextUtcDay() {
        ApiTestServer s = start();
        s.clock.advance(Duration.ofMinutes(1));
        s.engine(e -> {
            e.onEquity(s.now(), 97_000, -3_000); // balanced daily_hard_loss 3.0 %
            return null;
        });
        JsonNode d = assertDenied(s.decision(S1, Req.s1()), DenyCode.DAILY_LOSS_HARD);
        assertThat(lastCheck(d).path("limit").asDouble()).isEqualTo(-0.03);
        s.clock.set(Instant.parse("2026-11-23T23:59:59Z"));
        assertDenied(s.decision(S1, Req.s1()), DenyCode.DAILY_LOSS_HARD);
    }

    @Test
    void denies_DRAWDOWN_BREAKER_whenEquityIsNinePercentBelowItsPeak() {
        ApiTestServer s = start();
        s.clock.advance(Duration.ofDays(1));
        s.feedPortfolio(91_000, 0); // a new day: no day loss, 9 % below the 100,000 peak
        JsonNode d = assertDenied(s.decision(S1, Req.s1()), DenyCode.DRAWDOWN_BREAKER);
        assertThat(lastCheck(d).path("value").asDouble()).isCloseTo(0.09, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void denies_LOSS_STREAK_COOLDOWN_whenFourTradesInARowLost() {
        ApiTestServer s = start();
        s.engine(e -> {
            for (int i = 1; i <= 4; i++) {
                e.onClosedTrade(new ClosedTrade("S" + i, "t" + i, -0.01, s.now()));
            }
            return null;
        });
        JsonNode d = assertDenied(s.decision(S1, Req.s1()), DenyCode.LOSS_STREAK_COOLDOWN);
        assertThat(lastCheck(d).path("value").asDouble()).isEqualTo(4.0);
        s.clock.advance(Duration.ofMinutes(90));
        assertAllowed(s.decision(S1, Req.s1()));
    }

    @Test
    void denies_VOLATILITY_BLOCKED_whenTheRegimeIsExtreme_forS2() {
        ApiTestServer s = start();
        s.engine(e -> {
            e.onRegime(VolatilityRegime.EXTREME, s.now());
            return null;
        });
        assertDenied(s.decision(S2, new Req("S2")), DenyCode.VOLATILITY_BLOCKED);
        JsonNode s1 = s.decision(S1, Req.s1());
        assertAllowed(s1);
        assertThat(s1.path("multipliers").path("volatility").asDouble()).isEqualTo(0.5);
    }

    @Test
    void denies_BUCKET_DISABLED_whenTheAllocationGivesTheBucketNoWeight() {
        ApiTestServer s = start();
        s.engine(e -> {
            Allocation equal = Allocation.equal(e.policy(), 0.18, s.now());
            Map<String, Double> buckets = new LinkedHashMap<>(equal.bucketWeights());
            Map<String, Double> strategies = new LinkedHashMap<>(equal.strategyWeights());
            buckets.put("hft", 0.0);
            strategies.put("S1", 0.0);
            strategies.put("S2", 0.0);
            e.onAllocation(new Allocation(buckets, strategies, s.now()));
            return null;
        });
        assertDenied(s.decision(S1, Req.s1()), DenyCode.BUCKET_DISABLED);
        assertAllowed(s.decision(S3, new Req("S3")));
    }

    // ========================================================================================= execution guards

    @Test
    void denies_SPREAD_TOO_WIDE_whenTheSpreadIsAboveTheHftLimit() {
        ApiTestServer s = start();
        assertAllowed(s.decision(S1, Req.s1().with("spread_bps", 8)));
        assertDenied(s.decision(S1, Req.s1().with("spread_bps", 8.01)), DenyCode.SPREAD_TOO_WIDE);
    }

    @Test
    void denies_SLIPPAGE_TOO_HIGH_whenExpectedSlippageIsAboveTheHftLimit() {
        ApiTestServer s = start();
        assertAllowed(s.decision(S1, Req.s1().with("expected_slippage_bps", 10)));
        assertDenied(s.decision(S1, Req.s1().with("expected_slippage_bps", 10.5)), DenyCode.SLIPPAGE_TOO_HIGH);
    }

    @Test
    void denies_QUOTES_REQUIRED_whenSpreadOrSlippageIsMissing() {
        ApiTestServer s = start();
        assertDenied(s.decision(S1, Req.s1().without("spread_bps")), DenyCode.QUOTES_REQUIRED);
        assertDenied(s.decision(S1, Req.s1().without("expected_slippage_bps")), DenyCode.QUOTES_REQUIRED);
    }

    @Test
    void denies_SYMBOL_COOLDOWN_whenTheSymbolFailedAGuardTwiceInTenMinutes() {
        ApiTestServer s = start();
        assertDenied(s.decision(S1, Req.s1().with("spread_bps", 30)), DenyCode.SPREAD_TOO_WIDE);
        s.clock.advance(Duration.ofMinutes(9));
        assertDenied(s.decision(S2, new Req("S2").with("expected_slippage_bps", 30)), DenyCode.SLIPPAGE_TOO_HIGH);
        s.clock.advance(Duration.ofMinutes(1));
        assertDenied(s.decision(S3, new Req("S3")), DenyCode.SYMBOL_COOLDOWN);
        assertAllowed(s.decision(S3, new Req("S3").with("pair", "ETH/USDT:USDT").with("entry_price", 3000).with("stop_price", 2940)));
        s.clock.advance(Duration.ofMinutes(30));
        assertAllowed(s.decision(S3, new Req("S3")));
    }

    @Test
    void denies_RETRY_NOT_ALLOWED_whenTheRetriedDecisionFailedAGuard() {
        ApiTestServer s = start();
        String guardFailed = assertDenied(s.decision(S1, Req.s1().with("spread_bps", 9)), DenyCode.SPREAD_TOO_WIDE)
                .path("decision_id").asText();
        JsonNode d = assertDenied(s.decision(S1, Req.s1().with("attempt", 2).with("retry_of", guardFailed)),
                DenyCode.RETRY_NOT_ALLOWED);
        assertThat(d.path("reasons").get(0).asText()).contains(guardFailed);
    }

    @Test
    void denies_ORDER_TIMEOUT_FAIL_whenTheAttemptIsBeyondTheConfiguredRetries() {
        // With one retry size, attempt 3 is already beyond the retries (the shipped config's case is the next test).
        ApiTestServer s = start(ApiTestServer.replaceLine("retry_size_factors = ", "retry_size_factors = [0.90]"));
        String first = s.decision(S1, Req.s1()).path("decision_id").asText();
        JsonNode retry = s.decision(S1, Req.s1().with("attempt", 2).with("retry_of", first));
        assertAllowed(retry);
        assertThat(retry.path("approved_stake_amount").asDouble()).isEqualTo(900.0);
        JsonNode d = assertDenied(s.decision(S1, Req.s1().with("attempt", 3).with("retry_of", retry.path("decision_id").asText())),
                DenyCode.ORDER_TIMEOUT_FAIL);
        assertThat(lastCheck(d).path("gate").asText()).isEqualTo("RETRY");
        assertThat(s.state(S1).path("reservations")).as("each retry released the timed-out order's reservation").isEmpty();
    }

    @Test
    void denies_ORDER_TIMEOUT_FAIL_withTheShippedRetrySizes_atAttemptFour_afterAttemptThreeAt75Percent() {
        ApiTestServer s = start();
        String first = s.decision(S1, Req.s1()).path("decision_id").asText();
        String second = s.decision(S1, Req.s1().with("attempt", 2).with("retry_of", first)).path("decision_id").asText();
        JsonNode third = s.decision(S1, Req.s1().with("attempt", 3).with("retry_of", second));
        assertAllowed(third);
        assertThat(third.path("approved_stake_amount").asDouble()).isEqualTo(750.0);
        s.clock.advance(java.time.Duration.ofSeconds(61)); // past the 3 allowed entries a minute of the first three attempts
        JsonNode fourth = assertDenied(s.decision(S1, Req.s1().with("attempt", 4).with("retry_of", third.path("decision_id").asText())),
                DenyCode.ORDER_TIMEOUT_FAIL);
        assertThat(lastCheck(fourth).path("gate").asText()).isEqualTo("RETRY");
        assertProblem(s.decide(S1, Req.s1().with("attempt", 11).with("retry_of", third.path("decision_id").asText())), 422);
    }

    @Test
    void denies_FUNDING_TOO_HIGH_whenFundingIsAboveTheDenyThreshold_withoutAnEdge() {
        ApiTestServer s = start();
        assertDenied(s.decision(S1, Req.s1().with("funding_rate", 0.00081)), DenyCode.FUNDING_TOO_HIGH);
        JsonNode withEdge = s.decision(S1, Req.s1().with("funding_rate", 0.00081).with("edge_score", 0.01));
        assertAllowed(withEdge);
        assertThat(withEdge.path("multipliers").path("funding").asDouble()).isEqualTo(0.75);
    }

    // ========================================================================================= RiskOverlord, portfolio

    @Test
    void denies_FAT_FINGER_whenTheNotionalIsAboveTenPercentOfEquity() {
        ApiTestServer s = start();
        assertAllowed(s.decision(S1, Req.s1().with("stake_amount", 5000).with("stop_price", 89900))); // 10,000: at the limit
        assertDenied(s.decision(S2, new Req("S2").with("stake_amount", 5000.5)), DenyCode.FAT_FINGER);
    }

    @Test
    void denies_TURNOVER_CAP_whenTodaysEntriesWouldPassHalfOfEquity() {
        ApiTestServer s = start();
        s.engine(e -> {
            // S3's first poll shows no position; the next shows an entry made outside the orchestrator today, which
            // counts into the turnover (a holding already there at the first poll would not)
            e.syncPositions("S3", List.of(), s.now());
            e.syncPositions("S3", List.of(riskFree("t-xrp", "XRP/USDT:USDT", 45_000, s.now())), s.now().plusMillis(1));
            return null;
        });
        assertAllowed(s.decision(S1, Req.s1().with("stake_amount", 2500))); // 45,000 + 5,000 = 0.50 E
        JsonNode d = assertDenied(s.decision(S2, new Req("S2").with("stake_amount", 1)), DenyCode.TURNOVER_CAP);
        assertThat(lastCheck(d).path("value").asDouble()).isGreaterThan(0.5);
    }

    @Test
    void denies_MAX_OPEN_TRADES_whenAllBotsHoldTenPositionsAndReservations() {
        ApiTestServer s = start();
        s.engine(e -> {
            List<OpenPosition> nine = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                nine.add(riskFree("t" + i, "ALT" + i + "/USDT:USDT", 100, s.now()));
            }
            e.syncPositions("S3", nine, s.now());
            return null;
        });
        assertAllowed(s.decision(S1, Req.s1())); // the tenth, as a reservation
        JsonNode d = assertDenied(s.decision(S2, new Req("S2").with("pair", "ETH/USDT:USDT").with("entry_price", 3000)
                .with("stop_price", 2940)), DenyCode.MAX_OPEN_TRADES);
        assertThat(lastCheck(d).path("value").asDouble()).isEqualTo(10.0);
        assertThat(lastCheck(d).path("limit").asDouble()).isEqualTo(10.0);
        assertAllowed(s.decision(S2, new Req("S2").with("kind", "increase"))); // an increase is no new trade
    }

    /** Five same-direction entry requests on BTC/ETH/SOL: alignment 1.0 (the current request counts). */
    private void alignFourRequests(ApiTestServer s) {
        for (int i = 0; i < 4; i++) {
            assertDenied(s.decision(S3, new Req("S3").without("spread_bps")), DenyCode.QUOTES_REQUIRED);
        }
    }

    @Test
    void denies_LOWEST_EDGE_BLOCKED_whenAlignmentIsHigh_andTheBotHasTheLowestEdge() {
        ApiTestServer s = start();
        s.engine(e -> {
            e.onEdgeScores(Map.of("S1", -0.2, "S2", 0.1, "S3", 0.3));
            return null;
        });
        alignFourRequests(s);
        JsonNode d = assertDenied(s.decision(S1, Req.s1()), DenyCode.LOWEST_EDGE_BLOCKED);
        JsonNode alignment = d.path("checks").findParents("gate").stream()
                .filter(c -> c.path("gate").asText().equals("SIGNAL_ALIGNMENT")).findFirst().orElseThrow();
        assertThat(alignment.path("value").asDouble()).isEqualTo(1.0);
        assertAllowed(s.decision(S2, new Req("S2")));
    }

    @Test
    void denies_NEW_POSITION_THROTTLE_whenAlignmentAndCorrelationAreHigh_afterOneNewPositionIn15Minutes() {
        ApiTestServer s = start();
        s.engine(e -> {
            e.onStrategyCorrelation(0.70, s.now());
            return null;
        });
        alignFourRequests(s);
        JsonNode first = s.decision(S1, Req.s1());
        assertAllowed(first);
        assertThat(first.path("multipliers").path("correlation").asDouble()).isEqualTo(0.6);
        assertDenied(s.decision(S2, new Req("S2").with("pair", "SOL/USDT:USDT").with("entry_price", 200).with("stop_price", 196)),
                DenyCode.NEW_POSITION_THROTTLE);
        s.clock.advance(Duration.ofMinutes(15));
        assertAllowed(s.decision(S2, new Req("S2").with("pair", "SOL/USDT:USDT").with("entry_price", 200).with("stop_price", 196)));
    }

    @Test
    void denies_ASSET_CLASS_CAP_whenCryptoRiskWouldPassItsShareOfTheRiskBudget() {
        ApiTestServer s = start();
        // P5: crypto may hold 25 % of the 1.4 % budget = 350 at stop; 4,500 x2 with a 5 % stop is 450
        JsonNode d = assertDenied(s.decision(S1, Req.s1().with("stake_amount", 4500).with("stop_price", 85500)),
                DenyCode.ASSET_CLASS_CAP);
        assertThat(lastCheck(d).path("gate").asText()).isEqualTo("P5_ASSET_CLASS");
        assertThat(lastCheck(d).path("limit").asDouble()).isEqualTo(0.0035);
        assertAllowed(s.decision(S1, Req.s1().with("stake_amount", 3500).with("stop_price", 85500))); // 350: at the cap
    }

    @Test
    void denies_RISK_BUDGET_whenPortfolioRiskAtStopWouldPassOnePointFourPercent() {
        ApiTestServer s = start();
        s.engine(e -> {
            // the IBKR account's futures: 26,000 notional without a stop counts 5 %: 1,300 at risk (not crypto)
            e.syncPositions(DecisionEngine.ACCOUNT_ID, List.of(position("ib-1", "ES", 26_000, 6000, OptionalDouble.empty(), s.now())), s.now());
            return null;
        });
        assertAllowed(s.decision(S1, Req.s1().with("stake_amount", 2500))); // 100 at risk: 1,400 = the budget
        JsonNode d = assertDenied(s.decision(S2, new Req("S2").with("stake_amount", 1)), DenyCode.RISK_BUDGET);
        assertThat(lastCheck(d).path("gate").asText()).isEqualTo("P1_RISK_BUDGET");
    }

    @Test
    void denies_CORRELATION_GROUP_FULL_whenTheGroupHoldsTwoPositions() {
        ApiTestServer s = start();
        s.engine(e -> {
            e.syncPositions("S3", List.of(riskFree("t-eth", "ETH/USDT:USDT", 500, s.now())), s.now());
            return null;
        });
        assertAllowed(s.decision(S1, Req.s1())); // BTC: group C_CRYPTO_MAJOR's second, as a reservation
        JsonNode d = assertDenied(s.decision(S2, new Req("S2")), DenyCode.CORRELATION_GROUP_FULL);
        assertThat(d.path("reasons").get(0).asText()).contains("C_CRYPTO_MAJOR");
        assertAllowed(s.decision(S2, new Req("S2").with("pair", "SOL/USDT:USDT").with("entry_price", 200).with("stop_price", 196)));
    }

    @Test
    void denies_BELOW_MIN_NOTIONAL_whenTheScaledStakeIsBelowMinStake() {
        ApiTestServer s = start();
        // funding 0.05 % against a long: size x 0.75, so 1000 -> 750
        JsonNode d = assertDenied(s.decision(S1, Req.s1().with("funding_rate", 0.0005).with("min_stake", 750.01)),
                DenyCode.BELOW_MIN_NOTIONAL);
        assertThat(lastCheck(d).path("gate").asText()).isEqualTo("MIN_NOTIONAL");
        assertThat(lastCheck(d).path("value").asDouble()).isEqualTo(750.0);
        JsonNode ok = s.decision(S1, Req.s1().with("funding_rate", 0.0005).with("min_stake", 750));
        assertAllowed(ok);
        assertThat(ok.path("size_multiplier").asDouble()).isEqualTo(0.75);
    }
}
