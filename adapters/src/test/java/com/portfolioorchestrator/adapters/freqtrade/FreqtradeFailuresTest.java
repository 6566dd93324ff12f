package com.portfolioorchestrator.adapters.freqtrade;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.portfolioorchestrator.adapters.http.FailureKind;
import com.portfolioorchestrator.adapters.http.HttpClients;
import com.portfolioorchestrator.adapters.http.RetryPolicy;
import com.portfolioorchestrator.adapters.testing.Fixtures;
import com.portfolioorchestrator.adapters.testing.RecordingSleeper;
import com.portfolioorchestrator.adapters.testing.TestClock;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failure classification and bounded retries against WireMock. */
class FreqtradeFailuresTest {
    static final OkHttpClient SHARED = HttpClients.newShared();
    static WireMockServer wm;

    RecordingSleeper sleeper;
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
        sleeper = new RecordingSleeper();
        client = client(FreqtradeClient.Options.defaults().withSleeper(sleeper));
    }

    private FreqtradeClient client(FreqtradeClient.Options options) {
        return new FreqtradeClient(wm.baseUrl(), FreqtradeAuth.basic("freqtrader", "s3-password"), SHARED,
                new TestClock(Instant.parse("2024-11-14T09:41:27Z")), options);
    }

    private static FreqtradeException failure(Runnable call) {
        try {
            call.run();
        } catch (FreqtradeException e) {
            return e;
        }
        throw new AssertionError("expected a FreqtradeException");
    }

    @Test
    void botError502_isBotState_notRetried() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/count")).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "application/json")
                .withBody(Fixtures.read("freqtrade/error_502_not_running.json"))));

        FreqtradeException e = failure(client::getCount);

        assertThat(e.kind()).isEqualTo(FailureKind.BOT_STATE);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.httpStatus()).hasValue(502);
        assertThat(e.botMessage()).isEqualTo("Error querying /api/v1/count: trader is not running");
        assertThat(e.endpoint()).isEqualTo("GET /api/v1/count");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/count")));
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void proxy502WithoutErrorBody_isServer_retriedTwiceWithExponentialBackOff() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/balance")).willReturn(aResponse().withStatus(502)
                .withBody("<html>Bad Gateway</html>")));

        FreqtradeException e = failure(client::getBalance);

        assertThat(e.kind()).isEqualTo(FailureKind.SERVER);
        wm.verify(3, getRequestedFor(urlPathEqualTo("/api/v1/balance")));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void server500ThenOk_succeedsOnRetry() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/count")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("Internal Server Error")).willSetStateTo("recovered"));
        wm.stubFor(get(urlPathEqualTo("/api/v1/count")).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(Fixtures.read("freqtrade/count.json"))));

        assertThat(client.getCount().current()).isEqualTo(2);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(200));
    }

    @Test
    void rateLimited429_waitsRetryAfter_thenSucceeds() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/status")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
                        .withBody("{\"detail\":\"Too Many Requests\"}")).willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo("/api/v1/status")).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson(Fixtures.read("freqtrade/status_two_open.json"))));

        assertThat(client.getStatus()).hasSize(2);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void rateLimited429_withRetryAfterBeyondMaxDelay_failsAtOnceCarryingTheDelay() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/status")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "60").withBody("{\"detail\":\"Too Many Requests\"}")));

        FreqtradeException e = failure(client::getStatus);

        assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(60));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/status")));
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void readTimeout_isTimeout() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/balance")).willReturn(okJson(Fixtures.read("freqtrade/balance.json"))
                .withFixedDelay(2_000)));
        FreqtradeClient impatient = client(FreqtradeClient.Options.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(150)).withSleeper(sleeper));

        FreqtradeException e = failure(impatient::getBalance);

        assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.httpStatus()).isEmpty();
        assertThat(sleeper.sleeps()).hasSize(2);
    }

    @Test
    void connectionReset_isConnect_andRetried() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/profit")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        FreqtradeException e = failure(client::getProfit);

        assertThat(e.kind()).isEqualTo(FailureKind.CONNECT);
        assertThat(sleeper.sleeps()).hasSize(2);
    }

    @Test
    void emptyResponseFault_isConnect() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/profit")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        assertThat(failure(client(FreqtradeClient.Options.defaults().withRetryPolicy(RetryPolicy.NONE))::getProfit).kind())
                .isEqualTo(FailureKind.CONNECT);
    }

    @Test
    void refusedConnection_isConnect() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        FreqtradeClient nobodyHome = new FreqtradeClient("http://127.0.0.1:" + freePort,
                FreqtradeAuth.basic("u", "p"), SHARED, new TestClock(Instant.EPOCH),
                FreqtradeClient.Options.defaults().withSleeper(sleeper));

        FreqtradeException e = failure(nobodyHome::getHealth);

        assertThat(e.kind()).isEqualTo(FailureKind.CONNECT);
        assertThat(e.getMessage()).startsWith("GET /api/v1/health: CONNECT");
    }

    @Test
    void malformedJson_isMalformed_namingTheEndpoint_notRetried() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/balance")).willReturn(okJson("{\"total_bot\": 10136.8, \"currencies\": [")));

        FreqtradeException e = failure(client::getBalance);

        assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED);
        assertThat(e.getMessage()).contains("GET /api/v1/balance").contains("malformed JSON");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/balance")));
    }

    @Test
    void wrongShape_isMalformed() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/status")).willReturn(okJson("{\"trades\": []}")));

        assertThat(failure(client::getStatus).kind()).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void nanLiteralAndTrailingGarbage_areMalformed() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/count")).willReturn(okJson("{\"current\": 2, \"max\": 3, \"total_stake\": NaN}")));
        assertThat(failure(client::getCount).kind()).isEqualTo(FailureKind.MALFORMED);

        wm.stubFor(get(urlPathEqualTo("/api/v1/count")).willReturn(okJson("{\"current\": 2, \"max\": 3} {}")));
        assertThat(failure(client::getCount).kind()).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void nullForARequiredInteger_isMalformed() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/count")).willReturn(okJson("{\"current\": null, \"max\": 3, \"total_stake\": 0.0}")));

        assertThat(failure(client::getCount).kind()).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void tradeWithoutTradeId_isMalformed_withTheReason() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/status")).willReturn(okJson("[{\"pair\": \"BTC/USDT:USDT\", \"is_open\": true}]")));

        FreqtradeException e = failure(client::getStatus);

        assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED);
        assertThat(e.getMessage()).contains("trade_id is missing");
    }

    @Test
    void nullFloatsOfAnOpenTradeOnExchangeError_areNulls() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/status")).willReturn(okJson("[{\"trade_id\": 7, \"pair\": \"BTC/USDT:USDT\","
                + " \"is_open\": true, \"current_rate\": null, \"profit_ratio\": null, \"profit_abs\": null,"
                + " \"total_profit_abs\": null, \"stoploss_current_dist\": null, \"open_rate\": 89610.0}]")));

        Trade trade = client.getStatus().get(0);

        assertThat(trade.currentRate()).isNull();
        assertThat(trade.profitAbs()).isNull();
        assertThat(trade.totalProfitAbs()).isNull();
        assertThat(trade.openRate()).isEqualTo(89610.0);
    }

    @Test
    void validation422_isClient_withDetail() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/daily")).willReturn(aResponse().withStatus(422)
                .withBody("{\"detail\":[{\"loc\":[\"query\",\"timescale\"],\"msg\":\"bad\"}]}")));

        FreqtradeException e = failure(() -> client.getDaily(7));

        assertThat(e.kind()).isEqualTo(FailureKind.CLIENT);
        assertThat(e.botMessage()).contains("timescale");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/daily")));
    }

    @Test
    void basicAuthRejected_isUnauthorized_withoutRetry() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/balance")).willReturn(aResponse().withStatus(401)
                .withBody(Fixtures.read("freqtrade/error_401.json"))));

        FreqtradeException e = failure(client::getBalance);

        assertThat(e.kind()).isEqualTo(FailureKind.UNAUTHORIZED);
        assertThat(e.botMessage()).isEqualTo("Unauthorized");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/balance")));
    }

    @Test
    void messagesAndToString_neverShowThePassword() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/balance")).willReturn(aResponse().withStatus(401)
                .withBody(Fixtures.read("freqtrade/error_401.json"))));

        assertThat(failure(client::getBalance).getMessage()).doesNotContain("s3-password");
        assertThat(client.toString()).doesNotContain("s3-password").contains("***");
    }
}
