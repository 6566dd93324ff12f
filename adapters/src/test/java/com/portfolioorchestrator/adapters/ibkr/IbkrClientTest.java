package com.portfolioorchestrator.adapters.ibkr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.portfolioorchestrator.adapters.http.FailureKind;
import com.portfolioorchestrator.adapters.http.HttpClients;
import com.portfolioorchestrator.adapters.http.RetryPolicy;
import com.portfolioorchestrator.adapters.ibkr.IbkrPosition.MultiplierSource;
import com.portfolioorchestrator.adapters.testing.Fixtures;
import com.portfolioorchestrator.adapters.testing.RecordingSleeper;
import com.portfolioorchestrator.adapters.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Client Portal client against the fixture account U1234567 (USD base). */
class IbkrClientTest {
    static final String API = "/v1/api";
    static final String ACCOUNT = "U1234567";
    static final long MNQ = 672387468L;
    static final OkHttpClient SHARED = HttpClients.newShared();
    static WireMockServer wm;

    TestClock clock;
    RecordingSleeper sleeper;
    IbkrClient client;

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
        clock = new TestClock(Instant.parse("2025-11-24T16:00:00Z"));
        sleeper = new RecordingSleeper();
        client = new IbkrClient(wm.baseUrl() + API, SHARED, clock, IbkrClient.Options.defaults().withSleeper(sleeper));
    }

    private static String fixture(String name) {
        return Fixtures.read("ibkr/" + name);
    }

    private void stubPositions(String page0) {
        wm.stubFor(get(urlPathEqualTo(API + "/portfolio/" + ACCOUNT + "/positions/0")).willReturn(okJson(page0)));
        wm.stubFor(get(urlPathMatching(API + "/portfolio/" + ACCOUNT + "/positions/[1-9][0-9]*")).atPriority(10)
                .willReturn(okJson(fixture("ibkr_positions_page1_empty.json"))));
    }

    private static Map<Long, IbkrPosition> byConid(List<IbkrPosition> positions) {
        return positions.stream().collect(Collectors.toMap(IbkrPosition::conid, Function.identity()));
    }

    @Test
    void tickle_postsEmptyJson_andReadsSession() {
        wm.stubFor(post(urlPathEqualTo(API + "/tickle")).willReturn(okJson(fixture("ibkr_tickle_ok.json"))));

        Tickle tickle = client.tickle();

        assertThat(tickle.session()).isEqualTo("bb665d0f55b6289d70bc7380089fc96f");
        assertThat(tickle.ssoExpiresIn()).hasValue(Duration.ofMillis(460311));
        assertThat(tickle.authStatus()).hasValueSatisfying(status -> assertThat(status.isHealthy()).isTrue());
        wm.verify(postRequestedFor(urlPathEqualTo(API + "/tickle")).withRequestBody(equalToJson("{}"))
                .withHeader("Content-Type", containing("application/json")).withHeader("Content-Length", equalTo("2")));
    }

    @Test
    void tickle_noSession_isUnauthorized() {
        wm.stubFor(post(urlPathEqualTo(API + "/tickle")).willReturn(okJson(fixture("ibkr_tickle_no_session.json"))));

        assertThatThrownBy(client::tickle).isInstanceOfSatisfying(IbkrException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.UNAUTHORIZED);
            assertThat(e.getMessage()).contains("no session");
        });
        wm.verify(1, postRequestedFor(urlPathEqualTo(API + "/tickle")));
    }

    @Test
    void authStatus_healthyOnlyWhenAuthenticatedConnectedAndNotCompeting() {
        wm.stubFor(post(urlPathEqualTo(API + "/iserver/auth/status")).willReturn(okJson(fixture("ibkr_auth_status_ok.json"))));
        assertThat(client.getAuthStatus().isHealthy()).isTrue();

        wm.stubFor(post(urlPathEqualTo(API + "/iserver/auth/status")).willReturn(okJson(fixture("ibkr_auth_status_unauth.json"))));
        assertThat(client.getAuthStatus().isHealthy()).isFalse();

        wm.stubFor(post(urlPathEqualTo(API + "/iserver/auth/status")).willReturn(okJson(fixture("ibkr_auth_status_competing.json"))));
        AuthStatus competing = client.getAuthStatus();
        assertThat(competing.competing()).isTrue();
        assertThat(competing.isHealthy()).isFalse();
    }

    @Test
    void accounts_readBaseCurrency() {
        wm.stubFor(get(urlPathEqualTo(API + "/portfolio/accounts")).willReturn(okJson(fixture("ibkr_portfolio_accounts.json"))));

        List<Account> accounts = client.getAccounts();

        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).accountId()).isEqualTo(ACCOUNT);
        assertThat(accounts.get(0).currency()).isEqualTo("USD");
        assertThat(accounts.get(0).clearingStatus()).isEqualTo("O");
    }

    @Test
    void positions_pageUntilEmpty_andNormalise() {
        stubPositions(fixture("ibkr_positions_page0.json"));
        wm.stubFor(get(urlPathEqualTo(API + "/iserver/contract/" + MNQ + "/info"))
                .willReturn(okJson("{\"con_id\": 672387468, \"symbol\": \"MNQ\", \"instrument_type\": \"FUT\","
                        + " \"currency\": \"USD\", \"multiplier\": \"2\"}")));

        Map<Long, IbkrPosition> positions = byConid(client.getPositions(ACCOUNT));

        assertThat(positions).hasSize(5);
        IbkrPosition es = positions.get(649180695L);
        assertThat(es.multiplier()).hasValue(50.0);
        assertThat(es.multiplierSource()).isEqualTo(MultiplierSource.REPORTED);
        assertThat(es.averageCostPerUnit().getAsDouble()).isCloseTo(6962.2904, within(1e-9));
        assertThat(es.marketPrice()).isEqualTo(6981.25);
        assertThat(es.marketValue()).isEqualTo(698125.0);
        assertThat(es.description()).isEqualTo("ES MAR2026");
        assertThat(es.minorUnitCorrected()).isFalse();

        IbkrPosition mnq = positions.get(MNQ);
        assertThat(mnq.multiplier()).hasValue(2.0);
        assertThat(mnq.multiplierSource()).isEqualTo(MultiplierSource.CONTRACT_INFO);
        assertThat(mnq.averageCostPerUnit().getAsDouble()).isCloseTo(21768.06, within(1e-9));

        IbkrPosition spy = positions.get(756733L);
        assertThat(spy.multiplier()).hasValue(1.0);
        assertThat(spy.multiplierSource()).isEqualTo(MultiplierSource.NOT_A_DERIVATIVE);
        assertThat(spy.averageCostPerUnit()).hasValue(437.43);

        IbkrPosition vodafone = positions.get(100000002L);
        assertThat(vodafone.currency()).isEqualTo("GBP");
        assertThat(vodafone.minorUnitCorrected()).isTrue();
        assertThat(vodafone.marketPrice()).isCloseTo(0.725, within(1e-12));
        assertThat(vodafone.marketValue()).isEqualTo(725.0);
        assertThat(vodafone.averageCostPerUnit()).hasValue(0.74);
        assertThat(vodafone.averagePrice()).hasValue(0.74);

        assertThat(positions.get(100000001L).minorUnitCorrected()).isFalse();
        wm.verify(getRequestedFor(urlPathEqualTo(API + "/portfolio/" + ACCOUNT + "/positions/1")));
        wm.verify(0, getRequestedFor(urlPathEqualTo(API + "/portfolio/" + ACCOUNT + "/positions/2")));
        wm.verify(0, getRequestedFor(urlPathMatching(API + "/iserver/contract/(649180695|756733|100000001|100000002)/info")));
    }

    @Test
    void positions_readEveryNonEmptyPage() throws Exception {
        ArrayNode page0 = (ArrayNode) new ObjectMapper().readTree(fixture("ibkr_positions_page0.json"));
        ArrayNode page1 = new ObjectMapper().createArrayNode();
        page1.add(((ObjectNode) page0.get(2).deepCopy()).put("conid", 999L));
        stubPositions(page0.toString());
        wm.stubFor(get(urlPathEqualTo(API + "/portfolio/" + ACCOUNT + "/positions/1")).willReturn(okJson(page1.toString())));
        wm.stubFor(get(urlPathMatching(API + "/iserver/contract/.*")).willReturn(aResponse().withStatus(404)));

        assertThat(client.getPositions(ACCOUNT)).hasSize(6).extracting(IbkrPosition::conid).contains(999L);
        wm.verify(3, getRequestedFor(urlPathMatching(API + "/portfolio/" + ACCOUNT + "/positions/[0-9]+")));
    }

    @Test
    void positions_withoutContractInfo_deriveMultiplierFromAverageCost_andRememberLookups() {
        stubPositions(fixture("ibkr_positions_page0.json"));
        wm.stubFor(get(urlPathEqualTo(API + "/iserver/contract/" + MNQ + "/info")).willReturn(aResponse().withStatus(404)
                .withBody(fixture("ibkr_error_400.json"))));

        IbkrPosition mnq = byConid(client.getPositions(ACCOUNT)).get(MNQ);

        assertThat(mnq.multiplierSource()).isEqualTo(MultiplierSource.DERIVED_FROM_AVERAGE_COST);
        assertThat(mnq.multiplier().getAsDouble()).isCloseTo(2.0, within(1e-9));
        assertThat(mnq.averageCostPerUnit().getAsDouble()).isCloseTo(21768.06, within(1e-6));

        wm.stubFor(get(urlPathEqualTo(API + "/iserver/contract/" + MNQ + "/info"))
                .willReturn(okJson("{\"con_id\": 672387468, \"multiplier\": \"2\"}")));
        client.getPositions(ACCOUNT);
        client.getPositions(ACCOUNT);
        wm.verify(2, getRequestedFor(urlPathEqualTo(API + "/iserver/contract/" + MNQ + "/info")));
    }

    @Test
    void positions_acceptNumbersSentAsStrings() {
        stubPositions("[{\"acctId\": \"U1234567\", \"conid\": \"649180695\", \"contractDesc\": \"ES       MAR2026\","
                + " \"position\": \"2\", \"mktPrice\": \"6981.25\", \"mktValue\": \"698125.0\", \"currency\": \"USD\","
                + " \"avgCost\": \"348114.52\", \"avgPrice\": \"6962.2904\", \"unrealizedPnl\": \"1895.96\","
                + " \"multiplier\": \"50\", \"strike\": \"0\", \"assetClass\": \"FUT\"}]");

        IbkrPosition es = client.getPositions(ACCOUNT).get(0);

        assertThat(es.conid()).isEqualTo(649180695L);
        assertThat(es.position()).isEqualTo(2.0);
        assertThat(es.multiplier()).hasValue(50.0);
        assertThat(es.averageCostPerUnit().getAsDouble()).isCloseTo(6962.2904, within(1e-9));
        assertThat(es.unrealizedPnl()).hasValue(1895.96);
    }

    @Test
    void positions_withNonNumericText_areMalformed() {
        stubPositions("[{\"conid\": 1, \"position\": \"two\", \"mktPrice\": 1.0, \"mktValue\": 2.0, \"currency\": \"USD\"}]");

        assertThatThrownBy(() -> client.getPositions(ACCOUNT)).isInstanceOfSatisfying(IbkrException.class,
                e -> assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED));
    }

    @Test
    void summary_readsNetLiquidation() {
        wm.stubFor(get(urlPathEqualTo(API + "/portfolio/" + ACCOUNT + "/summary"))
                .willReturn(okJson(fixture("ibkr_portfolio_summary.json"))));

        AccountSummary summary = client.getSummary(ACCOUNT);

        assertThat(summary.netLiquidation()).isEqualTo(328303.84);
        assertThat(summary.netLiquidationCurrency()).isEqualTo("USD");
        assertThat(summary.findAmount("totalcashvalue")).hasValue(269752.5);
        assertThat(summary.values().get("netliquidation").timestamp()).isEqualTo(Instant.ofEpochMilli(1764000000000L));
        assertThat(summary.values().get("accountcode").value()).isEqualTo(ACCOUNT);
    }

    @Test
    void summary_withNullNetLiquidation_isMalformed() {
        wm.stubFor(get(urlPathEqualTo(API + "/portfolio/" + ACCOUNT + "/summary")).willReturn(okJson(
                "{\"netliquidation\": {\"amount\": null, \"currency\": \"USD\", \"isNull\": true, \"timestamp\": 1764000000000}}")));

        assertThatThrownBy(() -> client.getSummary(ACCOUNT)).isInstanceOfSatisfying(IbkrException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED);
            assertThat(e.getMessage()).contains("netliquidation");
        });
    }

    @Test
    void ledger_readsCashPerCurrencyAndRates_consistentWithBase() {
        wm.stubFor(get(urlPathEqualTo(API + "/portfolio/" + ACCOUNT + "/ledger")).willReturn(okJson(fixture("ibkr_ledger.json"))));

        Ledger ledger = client.getLedger(ACCOUNT);

        assertThat(ledger.base().netLiquidationValue()).isEqualTo(328303.84);
        assertThat(ledger.base().timestamp()).isEqualTo(Instant.ofEpochSecond(1764000000L));
        assertThat(ledger.cashByCurrency()).containsExactly(Map.entry("EUR", 20000.0), Map.entry("GBP", -1500.0),
                Map.entry("USD", 250000.0));
        assertThat(ledger.exchangeRates()).containsEntry("EUR", 1.0825).containsEntry("GBP", 1.265).containsEntry("USD", 1.0);
        double cashInBase = ledger.cashByCurrency().entrySet().stream()
                .mapToDouble(e -> e.getValue() * ledger.exchangeRates().get(e.getKey())).sum();
        assertThat(cashInBase).isCloseTo(ledger.base().cashBalance(), within(1e-6));
    }

    @Test
    void contractInfo_readsStringMultiplier_andNullForStocks() {
        wm.stubFor(get(urlPathEqualTo(API + "/iserver/contract/649180695/info")).willReturn(okJson(fixture("ibkr_contract_info_es.json"))));
        wm.stubFor(get(urlPathEqualTo(API + "/iserver/contract/756733/info")).willReturn(okJson(fixture("ibkr_contract_info_spy.json"))));

        ContractInfo es = client.getContractInfo(649180695L);
        assertThat(es.multiplier()).isEqualTo(50.0);
        assertThat(es.instrumentType()).isEqualTo("FUT");
        assertThat(es.localSymbol()).isEqualTo("ESH6");
        assertThat(client.getContractInfo(756733L).multiplier()).isNull();
    }

    @Test
    void exchangeRate_readsRate() {
        wm.stubFor(get(urlPathEqualTo(API + "/iserver/exchangerate")).withQueryParam("source", equalTo("USD"))
                .withQueryParam("target", equalTo("EUR")).willReturn(okJson(fixture("ibkr_exchangerate_usd_eur.json"))));

        assertThat(client.getExchangeRate("USD", "EUR")).isEqualTo(0.92378753);
    }

    @Test
    void rateLimited429_backsOff_thenSucceeds() {
        wm.stubFor(get(urlPathEqualTo(API + "/portfolio/accounts")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429)).willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo(API + "/portfolio/accounts")).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson(fixture("ibkr_portfolio_accounts.json"))));

        assertThat(client.getAccounts()).hasSize(1);
        assertThat(sleeper.sleeps()).contains(Duration.ofSeconds(1));
    }

    @Test
    void rateLimited429_beyondRetries_pausesAllCalls_untilTheCoolDownEnds() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(429)));

        assertThatThrownBy(() -> client.getLedger(ACCOUNT)).isInstanceOfSatisfying(IbkrException.class,
                e -> assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED));
        wm.verify(3, anyRequestedFor(anyUrl()));
        assertThat(sleeper.sleeps()).contains(Duration.ofSeconds(1), Duration.ofSeconds(2));

        clock.advance(Duration.ofSeconds(59));
        assertThatThrownBy(client::tickle).isInstanceOfSatisfying(IbkrException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
            assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(1));
        });
        wm.verify(3, anyRequestedFor(anyUrl()));

        clock.advance(Duration.ofSeconds(1));
        wm.stubFor(post(urlPathEqualTo(API + "/tickle")).willReturn(okJson(fixture("ibkr_tickle_ok.json"))));
        assertThat(client.tickle().session()).isNotBlank();
    }

    @Test
    void unauthorized401_isNotRetried() {
        wm.stubFor(get(urlPathEqualTo(API + "/portfolio/accounts")).willReturn(aResponse().withStatus(401)
                .withBody(fixture("ibkr_error_401.json"))));

        assertThatThrownBy(client::getAccounts).isInstanceOfSatisfying(IbkrException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.UNAUTHORIZED);
            assertThat(e.getMessage()).contains("Unauthorized");
        });
        wm.verify(1, getRequestedFor(urlPathEqualTo(API + "/portfolio/accounts")));
    }

    @Test
    void serviceUnavailable503_isServer_andRetried() {
        wm.stubFor(get(urlPathEqualTo(API + "/portfolio/accounts")).willReturn(aResponse().withStatus(503)
                .withBody(fixture("ibkr_error_503.json"))));

        assertThatThrownBy(client::getAccounts).isInstanceOfSatisfying(IbkrException.class, e ->
                assertThat(e.kind()).isEqualTo(FailureKind.SERVER));
        wm.verify(3, getRequestedFor(urlPathEqualTo(API + "/portfolio/accounts")));
    }

    @Test
    void requests_areSpacedByTheTokenBucket() {
        wm.stubFor(post(urlPathEqualTo(API + "/tickle")).willReturn(okJson(fixture("ibkr_tickle_ok.json"))));
        IbkrClient paced = new IbkrClient(wm.baseUrl() + API, SHARED, clock, IbkrClient.Options.defaults()
                .withSleeper(sleeper).withNanoTime(() -> 0L));

        paced.tickle();
        paced.tickle();
        paced.tickle();

        assertThat(sleeper.sleeps()).hasSize(2);
        assertThat(sleeper.sleeps().get(0).toNanos()).isCloseTo(1_000_000_000L / 9, within(2L));
        assertThat(sleeper.sleeps().get(1).toNanos()).isCloseTo(2_000_000_000L / 9, within(2L));
    }

    @Test
    void badArguments_areRejectedBeforeAnyCall() {
        assertThatThrownBy(() -> client.getLedger("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.getPositionsPage(ACCOUNT, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.getExchangeRate("usd", "EUR")).isInstanceOf(IllegalArgumentException.class);
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void options_withoutRetries_failAtOnce() {
        wm.stubFor(get(urlPathEqualTo(API + "/portfolio/accounts")).willReturn(aResponse().withStatus(503)));
        IbkrClient once = new IbkrClient(wm.baseUrl() + API, SHARED, clock,
                IbkrClient.Options.defaults().withSleeper(sleeper).withRetryPolicy(RetryPolicy.NONE));

        assertThatThrownBy(once::getAccounts).isInstanceOf(IbkrException.class);
        wm.verify(1, getRequestedFor(urlPathEqualTo(API + "/portfolio/accounts")));
    }
}
