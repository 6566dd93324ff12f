package com.portfolioorchestrator.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedFreqtradeBotTest {
    private static final Instant START = Instant.parse("2026-12-10T12:00:00Z");
    private static final String BTC = "BTC/USDT:USDT";
    private static final String ETH = "ETH/USDT:USDT";
    private static final String SOL = "SOL/USDT:USDT";
    private static final String XRP = "XRP/USDT:USDT";
    private static final String DOGE = "DOGE/USDT:USDT";

    private SimulatedClock clock;
    private MarketSimulator market;
    private SimulatedFreqtradeBot bot;
    private String api;
    private String basic;

    @BeforeEach
    void startBot() {
        clock = new SimulatedClock(START);
        market = new MarketSimulator(MarketSettings.defaults(7, START).withHistory(Duration.ofDays(3)));
        market.addTickListener(clock::advanceTo);
        bot = new SimulatedFreqtradeBot(FreqtradeBotSpec.of("S3", 10_000).withPort(0), market, clock).start();
        market.addTickListener(bot::onTick);
        api = bot.url() + "/api/v1";
        basic = TestHttp.basic("freqtrader", "s3-password");
    }

    @AfterEach
    void stopBot() {
        bot.close();
    }

    private JsonNode get(String path) {
        TestHttp.Answer answer = TestHttp.get(api + path, basic);
        assertThat(answer.status()).as(path).isEqualTo(200);
        return answer.json();
    }

    private void advance(Duration duration) {
        market.advanceTo(clock.instant().plus(duration));
    }

    /** Three short trades that close within the hour, a few hours of market, then two trades left open. */
    private void simulateTrading() {
        double btc = market.price(BTC);
        double eth = market.price(ETH);
        double sol = market.price(SOL);
        assertThat(bot.openTrade(BTC, Side.LONG, 1000, 3, btc, btc * 0.99, btc * 1.02, Duration.ofMinutes(50), "t1")
                .isOpened()).isTrue();
        assertThat(bot.openTrade(ETH, Side.SHORT, 900, 2, eth, eth * 1.01, eth * 0.98, Duration.ofMinutes(40), "t2")
                .isOpened()).isTrue();
        assertThat(bot.openTrade(SOL, Side.LONG, 800, 2, sol, sol * 0.99, sol * 1.02, Duration.ofMinutes(30), "t3")
                .isOpened()).isTrue();
        advance(Duration.ofHours(9));
        assertThat(bot.openTradeCount()).isZero();
        double xrp = market.price(XRP);
        double doge = market.price(DOGE);
        assertThat(bot.openTrade(XRP, Side.SHORT, 700, 2, xrp, xrp * 1.5, xrp * 0.5, Duration.ofDays(3), "t4")
                .isOpened()).isTrue();
        assertThat(bot.openTrade(DOGE, Side.LONG, 600, 3, doge, doge * 0.5, doge * 1.5, Duration.ofDays(3), "t5")
                .isOpened()).isTrue();
        advance(Duration.ofHours(1));
    }

    @Test
    void everyEndpoint_hasTheFixturesFieldNamesAndJsonTypes() {
        simulateTrading();
        TestHttp.Answer lock = TestHttp.send("POST", api + "/locks", basic,
                "[{\"pair\":\"*\",\"side\":\"*\",\"until\":\"2026-12-11T00:00:00Z\",\"reason\":\"orchestrator kill switch\"}]");
        assertThat(lock.status()).isEqualTo(200);

        assertShape("freqtrade/locks_one_global.json", lock.json());
        assertShape("freqtrade/ping.json", TestHttp.get(api + "/ping", null).json());
        assertShape("freqtrade/health.json", get("/health"));
        assertShape("freqtrade/show_config.json", get("/show_config"));
        assertShape("freqtrade/balance.json", get("/balance"));
        assertShape("freqtrade/status_two_open.json", get("/status"));
        assertShape("freqtrade/trades_page.json", get("/trades"));
        assertShape("freqtrade/profit.json", get("/profit"));
        assertShape("freqtrade/daily.json", get("/daily?timescale=7"));
        assertShape("freqtrade/count.json", get("/count"));
        assertShape("freqtrade/locks_one_global.json", get("/locks"));
        assertShape("freqtrade/pair_candles_btc_1h.json", get("/pair_candles?pair=BTC%2FUSDT%3AUSDT&timeframe=1h&limit=60"));
        assertShape("freqtrade/status_two_open.json", TestHttp.MAPPER.createArrayNode().add(get("/trade/1")));
        TestHttp.Answer login = TestHttp.send("POST", api + "/token/login", basic, null);
        assertShape("freqtrade/token_login.json", login.json());
        TestHttp.Answer refresh = TestHttp.send("POST", api + "/token/refresh",
                "Bearer " + login.json().get("refresh_token").asText(), null);
        assertShape("freqtrade/token_refresh.json", refresh.json());
        assertThat(get("/show_config").get("api_version").isFloatingPointNumber()).isTrue();
        assertThat(get("/show_config").get("api_version").asDouble()).isEqualTo(2.4);
    }

    private static void assertShape(String fixture, JsonNode actual) {
        assertThat(actual).as(fixture).isNotNull();
        assertThat(JsonShape.differences(TestHttp.fixture(fixture), actual)).as(fixture).isEmpty();
    }

    @Test
    void afterTrading_theFixtureReadmeConsistencyRelationsHold() {
        simulateTrading();
        JsonNode balance = get("/balance");
        JsonNode profit = get("/profit");
        JsonNode status = get("/status");
        JsonNode trades = get("/trades");
        JsonNode count = get("/count");
        JsonNode daily = get("/daily?timescale=3");

        double closedSum = 0;
        for (JsonNode t : trades.get("trades")) {
            closedSum += t.get("profit_abs").asDouble();
        }
        double openSum = 0;
        double used = 0;
        double notional = 0;
        for (JsonNode t : status) {
            openSum += t.get("total_profit_abs").asDouble();
            used += t.get("stake_amount").asDouble();
            notional += t.get("amount").asDouble() * t.get("open_rate").asDouble();
        }
        // 1, 2: closed and all profit
        assertThat(profit.get("profit_closed_coin").asDouble()).isCloseTo(closedSum, within(1e-6));
        assertThat(trades.get("total_trades").asInt()).isEqualTo(profit.get("closed_trade_count").asInt()).isEqualTo(3);
        assertThat(profit.get("profit_all_coin").asDouble()).isCloseTo(closedSum + openSum, within(1e-6));
        assertThat(profit.get("trade_count").asInt()).isEqualTo(5);
        // 3: bot equity (futures total_bot excludes unrealised profit)
        double totalBot = balance.get("total_bot").asDouble();
        assertThat(totalBot).isCloseTo(10_000 + profit.get("profit_closed_coin").asDouble(), within(1e-6));
        double rows = 0;
        for (JsonNode row : balance.get("currencies")) {
            rows += row.get("est_stake_bot").asDouble();
        }
        assertThat(rows).isCloseTo(totalBot, within(1e-6));
        assertThat(bot.equity()).isCloseTo(10_000 + profit.get("profit_all_coin").asDouble(), within(1e-6));
        // 4: ratios
        assertThat(balance.get("starting_capital_ratio").asDouble())
                .isCloseTo(profit.get("profit_closed_ratio").asDouble(), within(1e-9));
        // 5: stakes
        JsonNode usdt = balance.get("currencies").get(0);
        assertThat(usdt.get("used").asDouble()).isCloseTo(used, within(1e-6));
        assertThat(usdt.get("free").asDouble() + usdt.get("used").asDouble())
                .isCloseTo(usdt.get("balance").asDouble(), within(1e-6));
        List<JsonNode> all = new ArrayList<>();
        trades.get("trades").forEach(all::add);
        status.forEach(all::add);
        for (JsonNode t : all) {
            assertThat(t.get("stake_amount").asDouble()).as("trade %s", t.get("trade_id"))
                    .isCloseTo(t.get("amount").asDouble() * t.get("open_rate").asDouble() / t.get("leverage").asDouble(),
                            within(1e-6));
            assertThat(t.get("max_stake_amount").asDouble())
                    .isCloseTo(t.get("amount").asDouble() * t.get("open_rate").asDouble(), within(1e-6));
        }
        assertThat(count.get("total_stake").asDouble()).isCloseTo(notional, within(1e-6));
        // 6: count
        assertThat(count.get("current").asInt()).isEqualTo(status.size()).isEqualTo(2);
        assertThat(count.get("max").asInt()).isEqualTo(3);
        // 7: daily walks back from total_bot
        JsonNode days = daily.get("data");
        assertThat(days.get(0).get("starting_balance").asDouble() + days.get(0).get("abs_profit").asDouble())
                .isCloseTo(totalBot, within(1e-6));
        double dailySum = 0;
        int dailyTrades = 0;
        for (int i = 0; i < days.size(); i++) {
            dailySum += days.get(i).get("abs_profit").asDouble();
            dailyTrades += days.get(i).get("trade_count").asInt();
            if (i + 1 < days.size()) {
                assertThat(days.get(i + 1).get("starting_balance").asDouble() + days.get(i + 1).get("abs_profit").asDouble())
                        .isCloseTo(days.get(i).get("starting_balance").asDouble(), within(1e-6));
            }
        }
        assertThat(dailySum).isCloseTo(closedSum, within(1e-6));
        assertThat(dailyTrades).isEqualTo(3);
        // 8: open trades' stop distances
        for (JsonNode t : status) {
            assertThat(t.get("stoploss_current_dist").asDouble()).isCloseTo(
                    t.get("stop_loss_abs").asDouble() - t.get("current_rate").asDouble(), within(1e-9));
            assertThat(t.get("profit_fiat").isNull()).isTrue();
            assertThat(t.get("close_date").isNull()).isTrue();
        }
        // 11: latest trade is the highest id
        assertThat(profit.get("latest_trade_timestamp").asLong()).isEqualTo(status.get(1).get("open_timestamp").asLong());
        // dates are UTC without a zone, timestamps in ms
        assertThat(status.get(0).get("open_date").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(get("/health").get("last_process_ts").asLong()).isBetween(clock.millis() / 1000 - 10, clock.millis() / 1000);
    }

    @Test
    void trades_arePagedByIdAscending_soTheNewestSitAtTotalMinusLimit() {
        double btc = market.price(BTC);
        for (int i = 0; i < 4; i++) {
            double p = market.price(BTC);
            bot.openTrade(BTC, Side.LONG, 500, 2, p, p * 0.98, p * 1.05, Duration.ofMinutes(10), "page");
            advance(Duration.ofMinutes(20));
        }
        assertThat(btc).isPositive();
        JsonNode all = get("/trades");
        assertThat(all.get("total_trades").asInt()).isEqualTo(4);
        JsonNode newest = get("/trades?limit=2&offset=2");
        assertThat(newest.get("trades_count").asInt()).isEqualTo(2);
        assertThat(newest.get("offset").asInt()).isEqualTo(2);
        assertThat(newest.get("trades").get(0).get("trade_id").asInt()).isEqualTo(3);
        assertThat(newest.get("trades").get(1).get("trade_id").asInt()).isEqualTo(4);
        assertThat(TestHttp.get(api + "/trades?limit=abc", basic).status()).isEqualTo(422);
    }

    @Test
    void jwt_isByteForByteFreqtradesToken() {
        Jwt jwt = new Jwt(TestHttp.MAPPER, "S3-fixture-jwt-secret");
        JsonNode login = TestHttp.fixture("freqtrade/token_login.json");
        JsonNode refresh = TestHttp.fixture("freqtrade/token_refresh.json");
        assertThat(jwt.issue("freqtrader", 1_731_577_287L, 900, "access")).isEqualTo(login.get("access_token").asText());
        assertThat(jwt.issue("freqtrader", 1_731_577_287L, 30L * 24 * 3600, "refresh"))
                .isEqualTo(login.get("refresh_token").asText());
        assertThat(jwt.issue("freqtrader", 1_731_578_131L, 900, "access")).isEqualTo(refresh.get("access_token").asText());
        assertThat(jwt.verify(login.get("access_token").asText(), 1_731_578_186L, "access")).contains("freqtrader");
        assertThat(jwt.verify(login.get("access_token").asText(), 1_731_578_187L, "access")).isEmpty();
        assertThat(jwt.verify(login.get("access_token").asText(), 1_731_578_000L, "refresh")).isEmpty();
        assertThat(new Jwt(TestHttp.MAPPER, "other").verify(login.get("access_token").asText(), 1_731_578_000L, "access"))
                .isEmpty();
    }

    @Test
    void auth_acceptsBasicAndJwt_andFailsLikeFreqtrade() {
        JsonNode unauthorized = TestHttp.fixture("freqtrade/error_401.json");
        TestHttp.Answer none = TestHttp.get(api + "/balance", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json()).isEqualTo(unauthorized);
        TestHttp.Answer wrong = TestHttp.get(api + "/balance", TestHttp.basic("freqtrader", "nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json()).isEqualTo(unauthorized);
        assertThat(TestHttp.get(api + "/ping", null).status()).isEqualTo(200);

        TestHttp.Answer badLogin = TestHttp.send("POST", api + "/token/login", TestHttp.basic("freqtrader", "nope"), null);
        assertThat(badLogin.status()).isEqualTo(401);
        assertThat(badLogin.json().get("detail").asText()).isEqualTo("Incorrect username or password");

        JsonNode tokens = TestHttp.send("POST", api + "/token/login", basic, null).json();
        String access = "Bearer " + tokens.get("access_token").asText();
        String refresh = "Bearer " + tokens.get("refresh_token").asText();
        assertThat(TestHttp.get(api + "/status", access).status()).isEqualTo(200);

        TestHttp.Answer refreshAsAccess = TestHttp.get(api + "/status", refresh);
        assertThat(refreshAsAccess.status()).isEqualTo(401);
        assertThat(refreshAsAccess.json().get("detail").asText()).isEqualTo("Could not validate credentials");
        assertThat(refreshAsAccess.header("WWW-Authenticate")).isEqualTo("Bearer");

        clock.advance(Duration.ofMinutes(15));
        TestHttp.Answer expired = TestHttp.get(api + "/status", access);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("detail").asText()).isEqualTo("Could not validate credentials");
        TestHttp.Answer renewed = TestHttp.send("POST", api + "/token/refresh", refresh, null);
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.json().has("refresh_token")).isFalse();
        assertThat(TestHttp.get(api + "/status", "Bearer " + renewed.json().get("access_token").asText()).status())
                .isEqualTo(200);
        assertThat(TestHttp.send("POST", api + "/token/refresh", access, null).status()).isEqualTo(401);
    }

    @Test
    void stoppedTrader_answers502WithTheRealShape_andManagesNothing() {
        double p = market.price(BTC);
        bot.openTrade(BTC, Side.LONG, 1000, 3, p, p * 0.999, p * 1.001, Duration.ofMinutes(5), "s");
        TestHttp.send("POST", api + "/stop", basic, null);
        assertThat(bot.isTraderRunning()).isFalse();

        TestHttp.Answer count = TestHttp.get(api + "/count", basic);
        assertThat(count.status()).isEqualTo(502);
        assertThat(count.json()).isEqualTo(TestHttp.fixture("freqtrade/error_502_not_running.json"));
        TestHttp.Answer exit = TestHttp.send("POST", api + "/forceexit", basic, "{\"tradeid\":\"all\"}");
        assertThat(exit.status()).isEqualTo(502);
        assertThat(exit.json().get("error").asText()).isEqualTo("Error querying /api/v1/forceexit: trader is not running");
        assertThat(get("/show_config").get("state").asText()).isEqualTo("stopped");
        long heartbeat = get("/health").get("last_process_ts").asLong();

        advance(Duration.ofHours(1));
        assertThat(bot.openTradeCount()).as("a stopped bot honours no stop and no time exit").isEqualTo(1);
        assertThat(get("/health").get("last_process_ts").asLong()).isEqualTo(heartbeat);
        assertThat(bot.openTrade(ETH, Side.LONG, 100, 1, market.price(ETH), market.price(ETH) * 0.9))
                .isEqualTo(new OpenOutcome.Refused("trader is not running"));

        TestHttp.send("POST", api + "/start", basic, null);
        advance(Duration.ofMinutes(1));
        assertThat(bot.openTradeCount()).isZero();
        assertThat(get("/count").get("current").asInt()).isZero();
    }

    @Test
    void globalLock_blocksOpenTrade_untilDeleted_andEndsOnTheNextCandle() {
        TestHttp.Answer locked = TestHttp.send("POST", api + "/locks", basic,
                "[{\"pair\":\"*\",\"side\":\"*\",\"until\":\"2026-12-10T14:00:00Z\",\"reason\":\"kill switch\"}]");
        assertThat(locked.status()).isEqualTo(200);
        JsonNode lock = locked.json().get("locks").get(0);
        assertThat(lock.get("lock_end_time").asText()).isEqualTo("2026-12-10 15:00:00");
        assertThat(lock.get("lock_time").asText()).isEqualTo("2026-12-10 12:00:00");

        double p = market.price(BTC);
        OpenOutcome refused = bot.openTrade(BTC, Side.LONG, 1000, 2, p, p * 0.98);
        assertThat(refused).isInstanceOf(OpenOutcome.Refused.class);
        assertThat(((OpenOutcome.Refused) refused).reason()).startsWith("Global pairlock active");

        TestHttp.Answer deleted = TestHttp.send("DELETE", api + "/locks/" + lock.get("id").asInt(), basic, null);
        assertThat(deleted.json().get("lock_count").asInt()).isZero();
        assertThat(bot.openTrade(BTC, Side.LONG, 1000, 2, p, p * 0.98).isOpened()).isTrue();

        TestHttp.Answer naive = TestHttp.send("POST", api + "/locks", basic, "[{\"pair\":\"*\",\"until\":\"2026-12-10 14:00:00\"}]");
        assertThat(naive.status()).as("until must carry a timezone").isEqualTo(422);
    }

    @Test
    void forceExit_closesOneOrAllTrades() {
        double btc = market.price(BTC);
        double eth = market.price(ETH);
        bot.openTrade(BTC, Side.LONG, 1000, 2, btc, btc * 0.9);
        bot.openTrade(ETH, Side.SHORT, 1000, 2, eth, eth * 1.1);
        bot.openTrade(SOL, Side.LONG, 1000, 2, market.price(SOL), market.price(SOL) * 0.9);
        TestHttp.Answer one = TestHttp.send("POST", api + "/forceexit", basic, "{\"tradeid\": 2}");
        assertThat(one.json().get("result").asText()).isEqualTo("Created exit order for trade 2.");
        assertThat(get("/status").size()).isEqualTo(2);
        TestHttp.Answer all = TestHttp.send("POST", api + "/forceexit", basic, "{\"tradeid\":\"all\",\"ordertype\":\"market\"}");
        assertThat(all.json().get("result").asText()).isEqualTo("Created exit orders for all open trades.");
        assertThat(get("/status").size()).isZero();
        JsonNode closed = get("/trades").get("trades");
        assertThat(closed.size()).isEqualTo(3);
        closed.forEach(t -> assertThat(t.get("exit_reason").asText()).isEqualTo("force_exit"));
        TestHttp.Answer again = TestHttp.send("POST", api + "/forceexit", basic, "{\"tradeid\": 2}");
        assertThat(again.status()).isEqualTo(502);
        assertThat(again.json().get("error").asText()).isEqualTo("Error querying /api/v1/forceexit: invalid argument");
        assertThat(TestHttp.get(api + "/trade/99", basic).json().get("detail").asText()).isEqualTo("Trade not found.");
    }

    @Test
    void openTrade_sizesTheMarginAtTheRequestedStake_andRefusesBeyondMaxOpenTrades() {
        double p = market.price(BTC);
        OpenOutcome outcome = bot.openTrade(BTC, Side.LONG, 1234.56, 3, p, p * 0.97);
        assertThat(outcome).isInstanceOf(OpenOutcome.Opened.class);
        OpenOutcome.Opened opened = (OpenOutcome.Opened) outcome;
        assertThat(opened.stakeAmount()).isLessThanOrEqualTo(1234.56).isGreaterThan(1234.56 - p * 1e-5);
        bot.openTrade(ETH, Side.LONG, 100, 1, market.price(ETH), market.price(ETH) * 0.9);
        bot.openTrade(SOL, Side.LONG, 100, 1, market.price(SOL), market.price(SOL) * 0.9);
        assertThat(bot.openTrade(XRP, Side.LONG, 100, 1, market.price(XRP), market.price(XRP) * 0.9))
                .isEqualTo(new OpenOutcome.Refused("Maximum number of trades is reached."));
        assertThatThrownBy(() -> bot.openTrade(XRP, Side.LONG, 100, 1, market.price(XRP), market.price(XRP) * 1.1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void marketMoves_closeTradesByStopLoss() {
        double p = market.price(BTC);
        bot.openTrade(BTC, Side.LONG, 1000, 3, p, p - 0.2, p * 10, Duration.ofDays(5), "tight");
        advance(Duration.ofHours(6));
        JsonNode trade = get("/trade/1");
        assertThat(trade.get("is_open").asBoolean()).isFalse();
        assertThat(trade.get("exit_reason").asText()).isEqualTo("stop_loss");
        assertThat(trade.get("close_rate").asDouble()).isLessThanOrEqualTo(p - 0.2);
        assertThat(trade.get("profit_abs").asDouble()).isNegative();
        assertThat(trade.get("fee_close").asDouble()).isEqualTo(SimulatedTrade.MARKET_FEE);
    }

    @Test
    void offlineBot_refusesConnections_andComesBackOnTheSamePort() {
        int port = bot.port();
        bot.goOffline();
        assertThatThrownBy(() -> TestHttp.get(api + "/ping", null)).isInstanceOf(UncheckedIOException.class);
        bot.goOnline();
        assertThat(bot.port()).isEqualTo(port);
        assertThat(TestHttp.get(api + "/ping", null).json().get("status").asText()).isEqualTo("pong");
    }
}
