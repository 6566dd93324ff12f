package com.portfolioorchestrator.app.polling;

import static org.assertj.core.api.Assertions.assertThat;

import com.portfolioorchestrator.app.polling.ports.FreqtradeSource;
import com.portfolioorchestrator.app.portfolio.ClosedTradeSnapshot;
import com.portfolioorchestrator.app.portfolio.HistorySeed;
import com.portfolioorchestrator.app.portfolio.PortfolioSettings;
import com.portfolioorchestrator.app.portfolio.PortfolioTestPolicy;
import com.portfolioorchestrator.app.portfolio.PortfolioView;
import com.portfolioorchestrator.app.portfolio.source.ClosedTrade;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poller over fake bots: isolation of a slow bot, no double start, last good data, only new closed trades. */
class PortfolioPollerTest {
    final Clock clock = Clock.systemUTC();
    final List<FakeBot> bots = new ArrayList<>();
    PortfolioPoller poller;

    @AfterEach
    void close() {
        bots.forEach(b -> {
            if (b.statusGate != null) {
                b.statusGate.countDown();
            }
        });
        if (poller != null) {
            poller.close();
        }
    }

    PortfolioPoller poller(int n, Duration guard) {
        for (int i = 1; i <= n; i++) {
            bots.add(new FakeBot("S" + i, clock));
        }
        PortfolioSettings settings = new PortfolioSettings(guard, Duration.ofSeconds(60), 3, Duration.ofSeconds(60), false);
        poller = new PortfolioPoller(PortfolioTestPolicy.policy(List.of()), settings, new ArrayList<FreqtradeSource>(bots),
                Optional.empty(), HistorySeed.empty(), clock);
        return poller;
    }

    @Test
    void aHangingBot_doesNotFailTheOthers_andIsNotPolledTwiceAtOnce() {
        PortfolioPoller poller = poller(3, Duration.ofMillis(300));
        FakeBot hanging = bots.get(1);
        hanging.statusGate = new CountDownLatch(1);

        PortfolioPoller.CycleReport first = poller.runGuardCycle();
        PortfolioPoller.CycleReport second = poller.runGuardCycle();

        assertThat(first.results()).filteredOn(PortfolioPoller.PollResult::success)
                .extracting(PortfolioPoller.PollResult::sourceId).containsExactly("S1", "S3");
        assertThat(first.results()).filteredOn(r -> r.sourceId().equals("S2")).singleElement()
                .satisfies(r -> assertThat(r.failure().orElseThrow()).isEqualTo("guard poll still running after 300 ms"));
        assertThat(second.results()).filteredOn(r -> r.sourceId().equals("S2")).singleElement()
                .satisfies(r -> assertThat(r.failure().orElseThrow()).isEqualTo("the previous guard poll is still running"));
        assertThat(hanging.statusCalls.get()).isEqualTo(1);
        assertThat(hanging.maxStatusRunning.get()).isEqualTo(1);
        assertThat(bots.get(0).statusCalls.get()).isEqualTo(2);

        hanging.statusGate.countDown();
    }

    @Test
    void onlyCompleteViewsReachTheListener_andAFailedCallKeepsTheLastGoodData() {
        PortfolioPoller poller = poller(2, Duration.ofSeconds(5));
        List<PortfolioView> heard = new ArrayList<>();
        poller.addListener(heard::add);

        poller.runGuardCycle(); // no balance yet: incomplete
        assertThat(heard).isEmpty();
        assertThat(poller.latestView().orElseThrow().complete()).isFalse();

        poller.runRiskCycle();
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).totalEquityBase()).isEqualTo(2000.0);

        bots.get(0).totalBot = 5000;
        bots.get(0).balanceFails = true;
        PortfolioPoller.CycleReport report = poller.runRiskCycle();
        assertThat(report.results().get(0).failure().orElseThrow()).contains("balance: S1 GET /api/v1/balance: CONNECT");
        assertThat(heard).hasSize(2);
        assertThat(heard.get(1).totalEquityBase()).isEqualTo(2000.0);
    }

    @Test
    void closedTrades_areFetchedFromTheNewest_andDeliveredOnce() {
        PortfolioPoller poller = poller(1, Duration.ofSeconds(5));
        FakeBot bot = bots.get(0);
        Instant now = clock.instant();
        for (int i = 1; i <= 3; i++) {
            bot.closed.add(new ClosedTrade(i, "BTC/USDT", false, now.minusSeconds(3600 - i), -0.01, -10));
        }
        List<ClosedTradeSnapshot> delivered = new ArrayList<>();
        poller.addListener(v -> delivered.addAll(v.newClosedTrades()));

        poller.runGuardCycle();
        poller.runRiskCycle();
        bot.closed.add(new ClosedTrade(4, "BTC/USDT", false, now.minusSeconds(10), 0.02, 20));
        poller.runRiskCycle();
        poller.runRiskCycle();

        assertThat(delivered).extracting(ClosedTradeSnapshot::tradeId).containsExactly(1L, 2L, 3L, 4L);
        assertThat(bot.tradeRequests).containsExactly(50, 50, 50);
        assertThat(poller.historySnapshot().closedTradeMarks().find("S1").orElseThrow().tradeId()).isEqualTo(4);
    }

    @Test
    void moreThanOnePageOfNewTrades_isFetchedWithALargerCount() {
        PortfolioPoller poller = poller(1, Duration.ofSeconds(5));
        FakeBot bot = bots.get(0);
        Instant now = clock.instant();
        bot.closed.add(new ClosedTrade(1, "BTC/USDT", false, now.minusSeconds(7200), 0.01, 1));
        poller.runGuardCycle();
        poller.runRiskCycle();
        for (int i = 2; i <= 80; i++) {
            bot.closed.add(new ClosedTrade(i, "BTC/USDT", false, now.minusSeconds(3000 - i), 0.01, 1));
        }
        PortfolioView view = poller.runRiskCycle().view();

        assertThat(bot.tradeRequests).containsExactly(50, 50, 200);
        assertThat(view.newClosedTrades()).hasSize(79);
    }
}
