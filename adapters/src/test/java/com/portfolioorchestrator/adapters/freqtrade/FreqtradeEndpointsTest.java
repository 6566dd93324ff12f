package com.portfolioorchestrator.adapters.freqtrade;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.portfolioorchestrator.adapters.http.FailureKind;
import com.portfolioorchestrator.adapters.http.HttpClients;
import com.portfolioorchestrator.adapters.testing.Fixtures;
import com.portfolioorchestrator.adapters.testing.RecordingSleeper;
import com.portfolioorchestrator.adapters.testing.TestClock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every endpoint against the bot-S3 fixtures, values checked against the fixture README's numbers. */
class FreqtradeEndpointsTest {
    static final Instant NOW = Instant.parse("2024-11-14T09:41:27Z");
    static final String BASIC = Credentials.basic("freqtrader", "s3-password");
    static final OkHttpClient SHARED = HttpClients.newShared();
    static WireMockServer wm;

    FreqtradeClient client;

    @BeforeAll
    static void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    @BeforeEach
    void setUp() {
        wm.resetAll();
        client = new FreqtradeClient(wm.baseUrl(), FreqtradeAuth.basic("freqtrader", "s3-password"), SHARED,
                new TestClock(NOW), FreqtradeClient.Options.defaults().withSleeper(new RecordingSleeper()));
    }

    private void stubGet(String path, String fixture) {
        wm.stubFor(get(urlPathEqualTo("/api/v1/" + path)).withHeader("Authorization", equalTo(BASIC))
                .willReturn(okJson(Fixtures.read("freqtrade/" + fixture))));
    }

    @Test
    void ping_isPublic_andAnswersPong() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/ping")).willReturn(okJson(Fixtures.read("freqtrade/ping.json"))));

        assertThat(client.ping().isPong()).isTrue();
        wm.verify(getRequestedFor(urlPathEqualTo("/api/v1/ping")).withHeader("Authorization", absent()));
    }

    @Test
    void getHealth_readsStarTsAsEpochSeconds() {
        stubGet("health", "health.json");

        Health health = client.getHealth();

        assertThat(health.lastProcess()).isEqualTo(Instant.parse("2024-11-14T09:41:24Z"));
        assertThat(health.lastProcess()).isEqualTo(NOW.minusSeconds(3));
        assertThat(health.botStart()).isEqualTo(Instant.ofEpochSecond(1730448012));
        assertThat(health.botStartup()).isAfter(health.botStart());
    }

    @Test
    void getShowConfig_readsIdentityAndStringStake() {
        stubGet("show_config", "show_config.json");

        ShowConfig config = client.getShowConfig();

        assertThat(config.botName()).isEqualTo("S3");
        assertThat(config.strategy()).isEqualTo("MftTrend");
        assertThat(config.apiVersion()).isEqualTo(2.4);
        assertThat(config.tradingMode()).isEqualTo("futures");
        assertThat(config.stakeAmount()).isEqualTo("1000");
        assertThat(config.isUnlimitedStake()).isFalse();
        assertThat(config.maxOpenTrades()).isEqualTo(3.0);
        assertThat(config.stoploss()).isEqualTo(-0.1);
        assertThat(config.availableCapital()).isEqualTo(10000.0);
        assertThat(config.timeframeMs()).isEqualTo(3_600_000L);
        assertThat(config.unfilledTimeout().entry()).isEqualTo(10);
        assertThat(config.isRunning()).isTrue();
    }

    @ParameterizedTest(name = "api_version {0} supported={1}")
    @CsvSource({"1.99, false", "2.0, true", "2.4, true", "2.48, true", "2.999, true", "3.0, false", "3.1, false"})
    void getShowConfig_checksApiVersionRange(double version, boolean supported) throws Exception {
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(Fixtures.read("freqtrade/show_config.json"));
        config.put("api_version", version);
        config.put("a_field_from_a_newer_freqtrade", "ignored");
        wm.stubFor(get(urlPathEqualTo("/api/v1/show_config")).willReturn(okJson(config.toString())));

        if (supported) {
            assertThat(client.getShowConfig().apiVersion()).isEqualTo(version);
        } else {
            assertThatThrownBy(client::getShowConfig).isInstanceOfSatisfying(FreqtradeException.class, e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.UNSUPPORTED_API_VERSION);
                assertThat(e.getMessage()).contains("api_version " + version).contains("2.0 <= api_version < 3.0")
                        .contains("'S3'");
            });
        }
    }

    @Test
    void getBalance_readsTotalBotAndPositionRows() {
        stubGet("balance", "balance.json");

        Balances balance = client.getBalance();

        assertThat(balance.totalBot()).isEqualTo(10136.89846727);
        assertThat(balance.startingCapital()).isEqualTo(10000.0);
        assertThat(balance.stake()).isEqualTo("USDT");
        assertThat(balance.currencies()).hasSize(3);
        assertThat(balance.currencies()).filteredOn(Balances.Balance::isPosition).extracting(Balances.Balance::currency)
                .containsExactly("BTC/USDT:USDT", "ETH/USDT:USDT");
        double estStakeBot = balance.currencies().stream().mapToDouble(Balances.Balance::estStakeBot).sum();
        assertThat(estStakeBot).isCloseTo(balance.totalBot(), within(1e-6));
        assertThat(balance.currencies().get(1).botOwned()).isNull();
    }

    @Test
    void getStatus_readsTwoOpenTradesWithRiskAtStopAndNullFloats() {
        stubGet("status", "status_two_open.json");

        List<Trade> open = client.getStatus();

        assertThat(open).extracting(Trade::tradeId).containsExactly(7L, 8L);
        Trade btc = open.get(0);
        assertThat(btc.pair()).isEqualTo("BTC/USDT:USDT");
        assertThat(btc.isOpen()).isTrue();
        assertThat(btc.isShort()).isFalse();
        assertThat(btc.leverage()).isEqualTo(3.0);
        assertThat(btc.stopLossAbs()).isEqualTo(87715.4);
        assertThat(btc.initialStopLossAbs()).isEqualTo(86623.0);
        assertThat(btc.stoplossEntryDist()).isEqualTo(-64.22395698);
        assertThat(btc.stoplossCurrentDist()).isCloseTo(btc.stopLossAbs() - btc.currentRate(), within(1e-6));
        assertThat(btc.openTimestamp()).isEqualTo(Instant.ofEpochMilli(1731538806402L));
        assertThat(btc.timeframe()).isEqualTo(60);
        assertThat(btc.closeTimestamp()).isNull();
        assertThat(btc.closeProfitAbs()).isNull();
        assertThat(btc.profitFiat()).isNull();
        assertThat(btc.totalProfitFiat()).isNull();
        assertThat(open.get(1).isShort()).isTrue();
        assertThat(open.get(1).stoplossEntryDist()).isEqualTo(-100.5659589);
        assertThat(open.stream().mapToDouble(Trade::totalProfitAbs).sum()).isCloseTo(50.25374176, within(1e-8));
        assertThat(open.stream().mapToDouble(t -> t.amount() * t.openRate()).sum()).isCloseTo(4956.33204, within(1e-6));
    }

    @Test
    void getStatus_withoutOpenTrades_isEmpty() {
        stubGet("status", "status_empty.json");

        assertThat(client.getStatus()).isEmpty();
    }

    @Test
    void getTrades_readsClosedTradesAndOrders() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/trades")).withQueryParam("limit", equalTo("500"))
                .withQueryParam("offset", equalTo("0")).willReturn(okJson(Fixtures.read("freqtrade/trades_page.json"))));

        TradesPage page = client.getTrades(500, 0);

        assertThat(page.totalTrades()).isEqualTo(6);
        assertThat(page.tradesCount()).isEqualTo(6);
        assertThat(page.trades()).extracting(Trade::tradeId).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(page.trades()).allMatch(t -> !t.isOpen());
        assertThat(page.trades().stream().mapToDouble(Trade::profitAbs).sum()).isCloseTo(136.89846727, within(1e-8));
        Trade first = page.trades().get(0);
        assertThat(first.closeTimestamp()).isEqualTo(Instant.ofEpochMilli(1731207606530L));
        assertThat(first.exitReason()).isEqualTo("exit_signal");
        assertThat(first.tradeDurationSeconds()).isEqualTo(162002L);
        assertThat(first.orders()).hasSize(2);
        assertThat(first.orders().get(0).isEntry()).isTrue();
        assertThat(first.orders().get(0).orderFilledTimestamp()).isEqualTo(Instant.ofEpochMilli(1731045609871L));
        assertThat(first.currentRate()).isNull();
    }

    @Test
    void getTrades_rejectsLimitOutsideOneTo500() {
        assertThatThrownBy(() -> client.getTrades(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 0");
        assertThatThrownBy(() -> client.getTrades(501, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 501");
        assertThatThrownBy(() -> client.getTrades(10, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void getNewestTrades_whenAllFitInOnePage_makesOneRequest() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/trades")).willReturn(okJson(Fixtures.read("freqtrade/trades_page.json"))));

        List<Trade> newest = client.getNewestTrades(10);

        assertThat(newest).extracting(Trade::tradeId).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/trades")));
    }

    @Test
    void getNewestTrades_pagesBackFromTotalMinusLimit() throws Exception {
        int total = 1200;
        stubTradesPage(total, 500, 0);
        stubTradesPage(total, 500, 700);
        stubTradesPage(total, 500, 200);

        List<Trade> newest = client.getNewestTrades(600);

        assertThat(newest).hasSize(600);
        assertThat(newest.get(0).tradeId()).isEqualTo(601L);
        assertThat(newest.get(599).tradeId()).isEqualTo(1200L);
        assertThat(newest).isSortedAccordingTo((a, b) -> Long.compare(a.tradeId(), b.tradeId()));
        wm.verify(3, getRequestedFor(urlPathEqualTo("/api/v1/trades")));
        wm.verify(getRequestedFor(urlPathEqualTo("/api/v1/trades")).withQueryParam("offset", equalTo("700"))
                .withQueryParam("limit", equalTo("500")));
    }

    @Test
    void getNewestTrades_withSmallCount_readsOnlyTheLastPage() throws Exception {
        stubTradesPage(6, 3, 0);
        stubTradesPage(6, 3, 3);

        assertThat(client.getNewestTrades(3)).extracting(Trade::tradeId).containsExactly(4L, 5L, 6L);
    }

    /** Serves closed trades with ids offset+1 .. offset+limit (capped at total), built from fixture trade 1. */
    private void stubTradesPage(int total, int limit, int offset) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode template = (ObjectNode) mapper.readTree(Fixtures.read("freqtrade/trades_page.json")).get("trades").get(0);
        ObjectNode page = mapper.createObjectNode();
        ArrayNode trades = page.putArray("trades");
        int end = Math.min(total, offset + limit);
        for (int id = offset + 1; id <= end; id++) {
            trades.add(template.deepCopy().put("trade_id", id));
        }
        page.put("trades_count", end - offset).put("offset", offset).put("total_trades", total);
        wm.stubFor(get(urlPathEqualTo("/api/v1/trades")).withQueryParam("limit", equalTo(Integer.toString(limit)))
                .withQueryParam("offset", equalTo(Integer.toString(offset))).willReturn(okJson(page.toString())));
    }

    @Test
    void getTrade_readsOneTrade_andUnknownIdIsNotFound() throws Exception {
        String trade7 = new ObjectMapper().readTree(Fixtures.read("freqtrade/status_two_open.json")).get(0).toString();
        wm.stubFor(get(urlPathEqualTo("/api/v1/trade/7")).willReturn(okJson(trade7)));
        wm.stubFor(get(urlPathEqualTo("/api/v1/trade/99"))
                .willReturn(aResponse().withStatus(404).withBody("{\"detail\":\"Trade not found.\"}")));

        assertThat(client.getTrade(7).stoplossEntryDist()).isEqualTo(-64.22395698);
        assertThatThrownBy(() -> client.getTrade(99)).isInstanceOfSatisfying(FreqtradeException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.NOT_FOUND);
            assertThat(e.botMessage()).isEqualTo("Trade not found.");
        });
    }

    @Test
    void getProfit_readsClosedAndAllProfit() {
        stubGet("profit", "profit.json");

        Profit profit = client.getProfit();

        assertThat(profit.profitClosedCoin()).isEqualTo(136.89846727);
        assertThat(profit.profitAllCoin()).isEqualTo(187.15220903);
        assertThat(profit.tradeCount()).isEqualTo(8);
        assertThat(profit.closedTradeCount()).isEqualTo(6);
        assertThat(profit.winningTrades()).isEqualTo(4);
        assertThat(profit.losingTrades()).isEqualTo(2);
        assertThat(profit.winrate()).isCloseTo(4.0 / 6.0, within(1e-12));
        assertThat(profit.profitFactor()).isCloseTo(342.51900902 / 205.62054175, within(1e-9));
        assertThat(profit.expectancy()).isEqualTo(22.81641121166667);
        assertThat(profit.maxDrawdownAbs()).isEqualTo(101.61809352);
        assertThat(profit.firstTradeTimestamp()).isEqualTo(Instant.ofEpochMilli(1731045604211L));
    }

    @Test
    void getProfit_readsNullProfitFactorAsNull() throws Exception {
        ObjectNode profit = (ObjectNode) new ObjectMapper().readTree(Fixtures.read("freqtrade/profit.json"));
        profit.putNull("profit_factor");
        profit.putNull("trading_volume");
        wm.stubFor(get(urlPathEqualTo("/api/v1/profit")).willReturn(okJson(profit.toString())));

        Profit read = client.getProfit();

        assertThat(read.profitFactor()).isNull();
        assertThat(read.tradingVolume()).isNull();
        assertThat(read.profitClosedCoin()).isEqualTo(136.89846727);
    }

    @Test
    void getDaily_readsUtcDaysNewestFirst() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/daily")).withQueryParam("timescale", equalTo("7"))
                .willReturn(okJson(Fixtures.read("freqtrade/daily.json"))));

        Daily daily = client.getDaily(7);

        assertThat(daily.data()).hasSize(7);
        assertThat(daily.data().get(0).date()).isEqualTo(LocalDate.of(2024, 11, 14));
        assertThat(daily.data().get(6).date()).isEqualTo(LocalDate.of(2024, 11, 8));
        assertThat(daily.data().stream().mapToDouble(Daily.Day::absProfit).sum()).isCloseTo(136.89846727, within(1e-8));
        assertThat(daily.data().stream().mapToInt(Daily.Day::tradeCount).sum()).isEqualTo(6);
        assertThat(daily.data().get(0).startingBalance() + daily.data().get(0).absProfit())
                .isCloseTo(10136.89846727, within(1e-6));
        assertThat(daily.stakeCurrency()).isEqualTo("USDT");
    }

    @Test
    void getCount_readsCurrentMaxAndNotional() {
        stubGet("count", "count.json");

        Count count = client.getCount();

        assertThat(count.current()).isEqualTo(2);
        assertThat(count.max()).isEqualTo(3);
        assertThat(count.totalStake()).isEqualTo(4956.33204);
    }

    @Test
    void getLocks_whenNone_isEmpty() {
        stubGet("locks", "locks_empty.json");

        Locks locks = client.getLocks();

        assertThat(locks.lockCount()).isZero();
        assertThat(locks.locks()).isEmpty();
    }

    @Test
    void postLocks_sendsGlobalLockWithZonedUntil_andReadsRoundedEnd() {
        wm.stubFor(post(urlPathEqualTo("/api/v1/locks")).willReturn(okJson(Fixtures.read("freqtrade/locks_one_global.json"))));

        Locks locks = client.postLocks(List.of(
                LockRequest.global(Instant.parse("2024-11-15T00:00:00Z"), "orchestrator kill switch")));

        wm.verify(postRequestedFor(urlPathEqualTo("/api/v1/locks")).withHeader("Authorization", equalTo(BASIC))
                .withRequestBody(equalToJson("[{\"pair\":\"*\",\"side\":\"*\",\"until\":\"2024-11-15T00:00:00Z\","
                        + "\"reason\":\"orchestrator kill switch\"}]")));
        assertThat(locks.lockCount()).isEqualTo(1);
        Locks.Lock lock = locks.locks().get(0);
        assertThat(lock.id()).isEqualTo(7L);
        assertThat(lock.isGlobal()).isTrue();
        assertThat(lock.active()).isTrue();
        assertThat(lock.lockEndTimestamp()).isEqualTo(Instant.parse("2024-11-15T01:00:00Z"));
        assertThat(lock.lockTimestamp()).isEqualTo(NOW);
    }

    @Test
    void postLocks_withoutReason_omitsIt() {
        wm.stubFor(post(urlPathEqualTo("/api/v1/locks")).willReturn(okJson(Fixtures.read("freqtrade/locks_one_global.json"))));

        client.postLocks(List.of(new LockRequest("BTC/USDT:USDT", "long", Instant.parse("2024-11-15T00:00:00Z"),
                Optional.empty())));

        wm.verify(postRequestedFor(urlPathEqualTo("/api/v1/locks")).withRequestBody(equalToJson(
                "[{\"pair\":\"BTC/USDT:USDT\",\"side\":\"long\",\"until\":\"2024-11-15T00:00:00Z\"}]")));
    }

    @Test
    void deleteLock_deletesById() {
        wm.stubFor(delete(urlPathEqualTo("/api/v1/locks/7")).willReturn(okJson(Fixtures.read("freqtrade/locks_empty.json"))));

        assertThat(client.deleteLock(7).locks()).isEmpty();
        wm.verify(deleteRequestedFor(urlPathEqualTo("/api/v1/locks/7")).withHeader("Authorization", equalTo(BASIC)));
    }

    @Test
    void forceExitAll_postsAllAtMarket() {
        wm.stubFor(post(urlPathEqualTo("/api/v1/forceexit"))
                .willReturn(okJson("{\"result\":\"Created exit orders for all open trades.\"}")));

        assertThat(client.forceExitAll().result()).isEqualTo("Created exit orders for all open trades.");
        wm.verify(postRequestedFor(urlPathEqualTo("/api/v1/forceexit"))
                .withRequestBody(equalToJson("{\"tradeid\":\"all\",\"ordertype\":\"market\"}")));
    }

    @Test
    void forceExit_oneTrade_withBotOrderType() {
        wm.stubFor(post(urlPathEqualTo("/api/v1/forceexit")).willReturn(okJson("{\"result\":\"Created exit order for trade 7.\"}")));

        client.forceExit("7");

        wm.verify(postRequestedFor(urlPathEqualTo("/api/v1/forceexit")).withRequestBody(equalToJson("{\"tradeid\":\"7\"}")));
        assertThatThrownBy(() -> client.forceExit("7; drop")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void getPairCandles_readsColumnsByName_andMixedTimestampUnits() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/pair_candles")).withQueryParam("pair", equalTo("BTC/USDT:USDT"))
                .withQueryParam("timeframe", equalTo("1h")).withQueryParam("limit", equalTo("60"))
                .willReturn(okJson(Fixtures.read("freqtrade/pair_candles_btc_1h.json"))));

        PairCandles history = client.getPairCandles("BTC/USDT:USDT", "1h", 60);
        List<PairCandles.Candle> candles = history.candles();

        assertThat(candles).hasSize(60);
        assertThat(history.length()).isEqualTo(60);
        assertThat(candles.get(0)).isEqualTo(new PairCandles.Candle(Instant.parse("2024-11-11T21:00:00Z"),
                87744.1, 87926.7, 87680.7, 87905.2, 6394.224));
        assertThat(candles.get(59).openTime()).isEqualTo(Instant.parse("2024-11-14T08:00:00Z"));
        assertThat(candles.get(59).close()).isEqualTo(90655.8);
        assertThat(history.dataStart()).isEqualTo(candles.get(0).openTime());
        assertThat(history.dataStop()).isEqualTo(candles.get(59).openTime());
        assertThat(history.lastAnalyzed()).isEqualTo(Instant.parse("2024-11-14T09:00:02Z"));
        assertThat(candles).isSortedAccordingTo((a, b) -> a.openTime().compareTo(b.openTime()));
    }
}
