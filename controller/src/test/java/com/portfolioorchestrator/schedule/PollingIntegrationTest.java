package com.portfolioorchestrator.schedule;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.portfolioorchestrator.adapters.freqtrade.FreqtradeAuth;
import com.portfolioorchestrator.adapters.freqtrade.FreqtradeClient;
import com.portfolioorchestrator.adapters.http.HttpClients;
import com.portfolioorchestrator.adapters.http.RetryPolicy;
import com.portfolioorchestrator.app.polling.PortfolioPoller;
import com.portfolioorchestrator.app.polling.ports.FreqtradeSource;
import com.portfolioorchestrator.app.portfolio.BotStatus;
import com.portfolioorchestrator.app.portfolio.HistorySeed;
import com.portfolioorchestrator.app.portfolio.PortfolioSettings;
import com.portfolioorchestrator.app.portfolio.PortfolioTestPolicy;
import com.portfolioorchestrator.app.portfolio.PortfolioView;
import com.portfolioorchestrator.wiring.FreqtradeBotSource;
import com.portfolioorchestrator.wiring.PollerFixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seven WireMock bots polled by the real Quartz schedule (guard 1 s, risk 2 s, stale after 3 intervals): one bot
 * dies mid-run, the others keep being polled on schedule, the dead one is marked stale and is fresh again once it is
 * back. The clock is offset so that "now" starts at the fixtures' moment (2024-11-14 09:41:27), which keeps the fixture
 * heartbeat (09:41:24) fresh for the test's duration.
 */
class PollingIntegrationTest {
    static final Instant FIXTURE_NOW = Instant.parse("2024-11-14T09:41:27Z");
    static final Duration GUARD = Duration.ofSeconds(1);
    static final Duration RISK = Duration.ofSeconds(2);

    final List<WireMockServer> bots = new ArrayList<>();
    final List<PortfolioView> views = new CopyOnWriteArrayList<>();
    PortfolioPoller poller;
    PollingScheduler scheduler;

    @AfterEach
    void tearDown() throws Exception {
        if (scheduler != null) {
            scheduler.close();
        }
        if (poller != null) {
            poller.close();
        }
        bots.forEach(WireMockServer::stop);
    }

    static void stubBot(WireMockServer server) {
        server.stubFor(get(urlEqualTo("/api/v1/show_config")).willReturn(okJson(PollerFixtures.text("freqtrade/show_config.json"))));
        server.stubFor(get(urlEqualTo("/api/v1/health")).willReturn(okJson(PollerFixtures.text("freqtrade/health.json"))));
        server.stubFor(get(urlEqualTo("/api/v1/status")).willReturn(okJson(PollerFixtures.text("freqtrade/status_two_open.json"))));
        server.stubFor(get(urlEqualTo("/api/v1/balance")).willReturn(okJson(PollerFixtures.text("freqtrade/balance.json"))));
        server.stubFor(get(urlEqualTo("/api/v1/profit")).willReturn(okJson(PollerFixtures.text("freqtrade/profit.json"))));
        server.stubFor(get(urlPathEqualTo("/api/v1/daily")).willReturn(okJson(PollerFixtures.text("freqtrade/daily.json"))));
        server.stubFor(get(urlPathEqualTo("/api/v1/trades")).willReturn(okJson(PollerFixtures.text("freqtrade/trades_page.json"))));
        server.stubFor(get(urlPathEqualTo("/api/v1/pair_candles"))
                .willReturn(okJson(PollerFixtures.text("freqtrade/pair_candles_btc_1h.json"))));
    }

    @Test
    void aDeadBot_isMarkedStale_whileTheOthersKeepBeingPolled_andIsFreshAgainWhenItReturns() throws Exception {
        OkHttpClient shared = HttpClients.newShared();
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), FIXTURE_NOW));
        FreqtradeClient.Options fast = FreqtradeClient.Options.defaults()
                .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(500))
                .withRetryPolicy(new RetryPolicy(1, Duration.ofMillis(50), Duration.ofMillis(100)));
        List<FreqtradeSource> sources = new ArrayList<>();
        for (String id : PortfolioTestPolicy.BOTS) {
            WireMockServer server = new WireMockServer(options().dynamicPort());
            server.start();
            stubBot(server);
            bots.add(server);
            sources.add(new FreqtradeBotSource(id, new FreqtradeClient(server.baseUrl(),
                    FreqtradeAuth.basic("freqtrader", "s3-password"), shared, clock, fast)));
        }
        PortfolioSettings settings = new PortfolioSettings(GUARD, RISK, 3, Duration.ofSeconds(60), false);
        poller = new PortfolioPoller(PortfolioTestPolicy.policy(List.of()), settings, sources, Optional.empty(),
                HistorySeed.empty(), clock);
        poller.addListener(views::add);
        scheduler = new PollingScheduler(poller, GUARD, RISK, Optional.empty());
        scheduler.start();

        PortfolioView first = await(v -> v.bots().stream().noneMatch(BotStatus::stale), Duration.ofSeconds(10));
        assertThat(first.complete()).isTrue();
        assertThat(first.totalEquityBase()).isCloseTo(7 * 10187.15220903, org.assertj.core.data.Offset.offset(1e-6));

        // S4 dies
        WireMockServer dead = bots.get(3);
        int port = dead.port();
        dead.stop();
        long diedAt = System.nanoTime();
        int[] before = statusRequests();
        int viewsAtDeath = views.size();
        PortfolioView stale = await(v -> v.findBot("S4").orElseThrow().stale(), Duration.ofSeconds(8));
        double staleAfterS = (System.nanoTime() - diedAt) / 1e9;
        // the rule: no good poll for more than 3 guard intervals; the view is rebuilt every guard interval
        assertThat(staleAfterS).isLessThanOrEqualTo(3 * GUARD.toSeconds() + GUARD.toSeconds() + 0.5);
        assertThat(stale.findBot("S4").orElseThrow().staleReason().orElseThrow()).contains("no successful poll for");
        assertThat(stale.findBot("S4").orElseThrow().equityBase()).isPresent(); // last good equity is kept
        assertThat(stale.bots().stream().filter(b -> !b.botId().equals("S4"))).noneMatch(BotStatus::stale);
        assertThat(stale.stale()).isFalse();
        int[] after = statusRequests();
        int viewsWhileDead = views.size() - viewsAtDeath;
        for (int i = 0; i < bots.size(); i++) {
            if (i != 3) {
                // on schedule: about one /status a second while S4 was dying
                assertThat(after[i] - before[i]).as("status polls of S%d", i + 1)
                        .isGreaterThanOrEqualTo((int) Math.floor(staleAfterS) - 1);
            }
        }

        // S4 returns on the same port
        WireMockServer back = new WireMockServer(options().port(port));
        back.start();
        stubBot(back);
        bots.set(3, back);
        PortfolioView fresh = await(v -> !v.findBot("S4").orElseThrow().stale(), Duration.ofSeconds(8));
        assertThat(fresh.bots()).noneMatch(BotStatus::stale);
        // the listener kept receiving views while S4 was dead
        assertThat(viewsWhileDead).isGreaterThanOrEqualTo(2);
        assertThat(views).allMatch(PortfolioView::complete);
        // the closed trades of each bot were delivered exactly once over all these views
        assertThat(views.stream().flatMap(v -> v.newClosedTrades().stream()).count()).isEqualTo(7 * 6);
    }

    int[] statusRequests() {
        int[] counts = new int[bots.size()];
        for (int i = 0; i < bots.size(); i++) {
            WireMockServer s = bots.get(i);
            counts[i] = s.isRunning() ? s.countRequestsMatching(getRequestedFor(urlEqualTo("/api/v1/status")).build())
                    .getCount() : 0;
        }
        return counts;
    }

    PortfolioView await(Predicate<PortfolioView> condition, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        int seen = 0;
        while (System.nanoTime() < end) {
            List<PortfolioView> snapshot = List.copyOf(views);
            for (int i = seen; i < snapshot.size(); i++) {
                if (condition.test(snapshot.get(i))) {
                    return snapshot.get(i);
                }
            }
            seen = snapshot.size();
            Thread.sleep(50);
        }
        throw new AssertionError("no view within " + limit + " matched; last: "
                + (views.isEmpty() ? "none" : views.get(views.size() - 1).bots()));
    }
}
