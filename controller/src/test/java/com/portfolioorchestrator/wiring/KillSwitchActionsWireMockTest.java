package com.portfolioorchestrator.wiring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.portfolioorchestrator.adapters.freqtrade.FreqtradeAuth;
import com.portfolioorchestrator.adapters.freqtrade.FreqtradeClient;
import com.portfolioorchestrator.adapters.http.HttpClients;
import com.portfolioorchestrator.adapters.http.RetryPolicy;
import com.portfolioorchestrator.app.polling.BotActionResult;
import com.portfolioorchestrator.app.polling.KillSwitchActions;
import com.portfolioorchestrator.app.polling.ports.BotCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kill-switch actions through the real Freqtrade client against three WireMock bots, one of them failing. */
class KillSwitchActionsWireMockTest {
    static final String LOCK_REASON = "orchestrator kill switch: drawdown";
    /** The lock POST body the client must send (the fixture README's request, with our reason and end). */
    static final String LOCK_BODY = "[{\"pair\":\"*\",\"side\":\"*\",\"until\":\"2100-01-01T00:00:00Z\",\"reason\":\""
            + LOCK_REASON + "\"}]";

    final List<WireMockServer> servers = new ArrayList<>();
    final List<Duration> pauses = new ArrayList<>();
    final OkHttpClient shared = HttpClients.newShared();

    @BeforeEach
    void startBots() {
        for (int i = 0; i < 3; i++) {
            WireMockServer server = new WireMockServer(options().dynamicPort());
            server.start();
            servers.add(server);
        }
    }

    @AfterEach
    void stopBots() {
        servers.forEach(WireMockServer::stop);
    }

    KillSwitchActions actions() {
        List<BotCommands> bots = new ArrayList<>();
        FreqtradeClient.Options noClientRetry = FreqtradeClient.Options.defaults().withRetryPolicy(RetryPolicy.NONE);
        for (int i = 0; i < servers.size(); i++) {
            bots.add(new FreqtradeBotSource("S" + (i + 1), new FreqtradeClient(servers.get(i).baseUrl(),
                    FreqtradeAuth.basic("freqtrader", "pw"), shared, Clock.systemUTC(), noClientRetry)));
        }
        return new KillSwitchActions(bots, 3, Duration.ofMillis(100), pauses::add);
    }

    static String globalLockAnswer(String reason) {
        return PollerFixtures.text("freqtrade/locks_one_global.json").replace("orchestrator kill switch", reason);
    }

    @Test
    void engage_locksEveryBot_andReportsAFailingBotAfterRetries() {
        for (int i = 0; i < 2; i++) {
            servers.get(i).stubFor(post(urlEqualTo("/api/v1/locks")).withRequestBody(equalToJson(LOCK_BODY))
                    .willReturn(okJson(globalLockAnswer(LOCK_REASON))));
        }
        servers.get(2).stubFor(post(urlEqualTo("/api/v1/locks")).willReturn(aResponse().withStatus(500)));

        List<BotActionResult> results = actions().engage("drawdown", false);

        assertThat(results).extracting(BotActionResult::botId).containsExactly("S1", "S2", "S3");
        assertThat(results).allMatch(r -> r.action() == BotActionResult.Action.LOCK);
        assertThat(results.get(0).success()).isTrue();
        assertThat(results.get(0).attempts()).isEqualTo(1);
        assertThat(results.get(0).detail()).isEqualTo("global lock [7]");
        assertThat(results.get(1).success()).isTrue();
        BotActionResult failed = results.get(2);
        assertThat(failed.success()).isFalse();
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.detail()).contains("SERVER").contains("500");
        servers.get(2).verify(3, postRequestedFor(urlEqualTo("/api/v1/locks")));
        servers.get(0).verify(1, postRequestedFor(urlEqualTo("/api/v1/locks")));
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void engage_aBotThatRecoversOnTheSecondTry_isLocked_andFlattenForceExitsAll() {
        servers.forEach(s -> s.stubFor(post(urlEqualTo("/api/v1/locks"))
                .willReturn(okJson(globalLockAnswer(LOCK_REASON)))));
        WireMockServer flaky = servers.get(1);
        flaky.stubFor(post(urlEqualTo("/api/v1/locks")).inScenario("flaky").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        flaky.stubFor(post(urlEqualTo("/api/v1/locks")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson(globalLockAnswer(LOCK_REASON))));
        servers.forEach(s -> s.stubFor(post(urlEqualTo("/api/v1/forceexit"))
                .withRequestBody(equalToJson("{\"tradeid\":\"all\",\"ordertype\":\"market\"}"))
                .willReturn(okJson("{\"result\":\"Created exit orders for all open trades.\"}"))));

        List<BotActionResult> results = actions().engage("drawdown", true);

        assertThat(results).hasSize(6);
        assertThat(results).allMatch(BotActionResult::success);
        assertThat(results.get(1).attempts()).isEqualTo(2);
        assertThat(results.subList(3, 6)).allMatch(r -> r.action() == BotActionResult.Action.FORCE_EXIT
                && r.detail().equals("Created exit orders for all open trades."));
        servers.forEach(s -> s.verify(1, postRequestedFor(urlEqualTo("/api/v1/forceexit"))));
    }

    @Test
    void engage_whenTheBotDoesNotListTheLock_isAFailure() {
        servers.forEach(s -> s.stubFor(post(urlEqualTo("/api/v1/locks"))
                .willReturn(okJson(PollerFixtures.text("freqtrade/locks_empty.json")))));

        List<BotActionResult> results = actions().engage("drawdown", false);

        assertThat(results).noneMatch(BotActionResult::success);
        assertThat(results.get(0).detail()).contains("does not list the global lock");
    }

    @Test
    void release_deletesOnlyTheOrchestratorsGlobalLocks() {
        String two = "{\"lock_count\":2,\"locks\":[" + lock(7, "orchestrator kill switch: drawdown") + ","
                + lock(8, "manual lock by alice") + "]}";
        servers.forEach(s -> {
            s.stubFor(get(urlEqualTo("/api/v1/locks")).willReturn(okJson(two)));
            s.stubFor(delete(urlEqualTo("/api/v1/locks/7")).willReturn(okJson("{\"lock_count\":0,\"locks\":[]}")));
        });

        List<BotActionResult> results = actions().release();

        assertThat(results).allMatch(r -> r.success() && r.action() == BotActionResult.Action.UNLOCK
                && r.detail().equals("deleted locks [7]"));
        servers.forEach(s -> {
            s.verify(1, deleteRequestedFor(urlEqualTo("/api/v1/locks/7")));
            s.verify(0, deleteRequestedFor(urlEqualTo("/api/v1/locks/8")));
        });
    }

    static String lock(long id, String reason) {
        return "{\"id\":" + id + ",\"active\":true,\"lock_end_time\":\"2100-01-01 01:00:00\","
                + "\"lock_end_timestamp\":4102448400000,\"lock_time\":\"2024-11-14 09:41:27\","
                + "\"lock_timestamp\":1731577287000,\"pair\":\"*\",\"side\":\"*\",\"reason\":\"" + reason + "\"}";
    }
}
