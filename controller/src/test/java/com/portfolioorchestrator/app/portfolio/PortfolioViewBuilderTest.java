package com.portfolioorchestrator.app.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.portfolioorchestrator.app.portfolio.source.BotBalance;
import com.portfolioorchestrator.app.portfolio.source.BotConfig;
import com.portfolioorchestrator.app.portfolio.source.ClosedTrade;
import com.portfolioorchestrator.app.portfolio.source.IbkrAccount;
import com.portfolioorchestrator.app.portfolio.source.OpenTrade;
import com.portfolioorchestrator.app.portfolio.source.TradingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Boundaries of the builder's rules: staleness, unknown equity, day start, reconciliation, maintenance. */
class PortfolioViewBuilderTest {
    static final Instant T0 = Instant.parse("2024-11-14T09:00:00Z");

    static BotConfig spot(String currency) {
        return new BotConfig("b", "s", currency, TradingMode.SPOT, OptionalDouble.of(-0.05), "5m");
    }

    /** A spot bot with total_bot {@code equity}, polled (guard and risk) at {@code polled}, heartbeat {@code beat}. */
    static BotData bot(String id, double equity, Instant polled, Instant beat) {
        return new BotData(id, Optional.of(spot("USDT")), Optional.of(new BotBalance(equity, "USDT")), Optional.of(polled),
                List.of(), Optional.of(polled), Optional.of(beat), List.of(), List.of(), Optional.empty(), Optional.empty());
    }

    static PortfolioViewBuilder builder(boolean ibkr) {
        return new PortfolioViewBuilder(PortfolioTestPolicy.policy(), PortfolioTestPolicy.settings(ibkr), HistorySeed.empty());
    }

    static PortfolioView build(PortfolioViewBuilder builder, Instant at, BotData... bots) {
        return builder.build(new PortfolioInputs(List.of(bots), List.of(), IbkrData.none()), at);
    }

    @Test
    void guardPoll_exactlyThreeIntervalsOld_isFresh_andOneMillisecondMore_isStale() {
        Instant at = T0.plusSeconds(45);
        assertThat(build(builder(false), at, bot("S1", 1000, T0, at)).bots().get(0).stale()).isFalse();

        BotStatus stale = build(builder(false), at.plusMillis(1), bot("S1", 1000, T0, at)).bots().get(0);
        assertThat(stale.stale()).isTrue();
        assertThat(stale.staleReason().orElseThrow()).startsWith("no successful poll for 45 s (limit 45 s)");
        assertThat(stale.equityBase()).hasValue(1000.0);
    }

    @Test
    void heartbeat_sixtySecondsOld_isFresh_andOlder_isStale() {
        assertThat(build(builder(false), T0, bot("S1", 1000, T0, T0.minusSeconds(60))).bots().get(0).stale()).isFalse();

        BotStatus stale = build(builder(false), T0, bot("S1", 1000, T0, T0.minusSeconds(61))).bots().get(0);
        assertThat(stale.staleReason().orElseThrow()).isEqualTo("heartbeat 61 s old (limit 60 s)");
    }

    @Test
    void balance_olderThanThreeRiskIntervals_isStale() {
        BotData old = new BotData("S1", Optional.of(spot("USDT")), Optional.of(new BotBalance(1000, "USDT")),
                Optional.of(T0.minusSeconds(181)), List.of(), Optional.of(T0), Optional.of(T0), List.of(), List.of(),
                Optional.empty(), Optional.empty());
        assertThat(build(builder(false), T0, old).bots().get(0).staleReason().orElseThrow())
                .isEqualTo("balance 181 s old (limit 180 s)");
    }

    @Test
    void aBotNeverPolled_hasNoEquity_isLeftOutOfTheTotal_andTheViewIsIncomplete() {
        BotData never = BotData.empty("S2");
        PortfolioView view = build(builder(false), T0, bot("S1", 1000, T0, T0), never);

        assertThat(view.complete()).isFalse();
        assertThat(view.totalEquityBase()).isEqualTo(1000.0);
        BotStatus s2 = view.findBot("S2").orElseThrow();
        assertThat(s2.equityBase()).isEmpty();
        assertThat(s2.staleReason().orElseThrow()).contains("never polled successfully");
        assertThat(view.stale()).isFalse();
    }

    @Test
    void aStakeCurrencyWithoutRate_isUnknownEquity_notZero() {
        BotData eur = new BotData("S1", Optional.of(spot("EUR")), Optional.of(new BotBalance(1000, "EUR")),
                Optional.of(T0), List.of(), Optional.of(T0), Optional.of(T0), List.of(), List.of(), Optional.empty(),
                Optional.empty());
        PortfolioView view = build(builder(false), T0, eur);
        assertThat(view.complete()).isFalse();
        assertThat(view.bots().get(0).staleReason().orElseThrow()).contains("no stake_currency_rates entry for stake currency EUR");
    }

    @Test
    void aFuturesBotWithUnknownUnrealisedPnl_keepsItsLastEquity_andIsStale() {
        PortfolioViewBuilder builder = builder(false);
        BotConfig futures = new BotConfig("b", "s", "USDT", TradingMode.FUTURES, OptionalDouble.empty(), "1h");
        OpenTrade known = trade(OptionalDouble.of(50.0));
        BotData first = new BotData("S1", Optional.of(futures), Optional.of(new BotBalance(1000, "USDT")),
                Optional.of(T0), List.of(known), Optional.of(T0), Optional.of(T0), List.of(), List.of(), Optional.empty(),
                Optional.empty());
        assertThat(build(builder, T0, first).totalEquityBase()).isEqualTo(1050.0);

        Instant later = T0.plusSeconds(15);
        BotData second = new BotData("S1", Optional.of(futures), Optional.of(new BotBalance(1000, "USDT")),
                Optional.of(later), List.of(trade(OptionalDouble.empty())), Optional.of(later), Optional.of(later),
                List.of(), List.of(), Optional.empty(), Optional.empty());
        PortfolioView view = build(builder, later, second);
        assertThat(view.totalEquityBase()).isEqualTo(1050.0);
        assertThat(view.bots().get(0).staleReason().orElseThrow()).contains("trade 1 is unknown");
        assertThat(view.stale()).isTrue(); // its only bot is stale
        assertThat(view.staleReason()).hasValue("every bot is stale");
    }

    static OpenTrade trade(OptionalDouble totalProfit) {
        return new OpenTrade(1, "BTC/USDT:USDT", false, 0.01, 300, 3, 90000, T0.minusSeconds(3600),
                OptionalDouble.of(95000), OptionalDouble.of(85000), OptionalDouble.empty(), totalProfit);
    }

    @Test
    void isStaleAt_fromFreshUntil() {
        PortfolioView view = build(builder(false), T0, bot("S1", 1000, T0, T0));
        assertThat(view.isStaleAt(T0.plusSeconds(179))).isFalse();
        assertThat(view.isStaleAt(T0.plusSeconds(180))).isTrue();
    }

    @Test
    void dayStart_isTheLastViewBeforeMidnight_whenItIsRecentEnough() {
        PortfolioViewBuilder builder = builder(false);
        Instant lateEvening = Instant.parse("2024-11-13T23:57:00Z"); // 180 s before midnight: the limit
        build(builder, lateEvening, bot("S1", 1000, lateEvening, lateEvening));
        Instant morning = Instant.parse("2024-11-14T00:00:30Z");
        ClosedTrade today = new ClosedTrade(5, "ETH/USDT", false, Instant.parse("2024-11-14T00:00:10Z"), -0.01, -20);
        BotData now = new BotData("S1", Optional.of(spot("USDT")), Optional.of(new BotBalance(980, "USDT")),
                Optional.of(morning), List.of(), Optional.of(morning), Optional.of(morning), List.of(today), List.of(),
                Optional.empty(), Optional.empty());

        DayPnl day = build(builder, morning, now).dayPnl();
        assertThat(day.source()).isEqualTo(DayPnl.Source.OBSERVED);
        assertThat(day.day()).isEqualTo(LocalDate.parse("2024-11-14"));
        assertThat(day.startEquityBase()).isEqualTo(1000.0);
        assertThat(day.pnlBase()).isEqualTo(-20.0);
        assertThat(day.realisedBase()).isEqualTo(-20.0);
        assertThat(day.fraction()).isEqualTo(-0.02);
        assertThat(builder.dayStart().orElseThrow().equityBase()).isEqualTo(1000.0);
    }

    @Test
    void dayStart_fromALastViewTooLongBeforeMidnight_isReconstructed() {
        PortfolioViewBuilder builder = builder(false);
        Instant evening = Instant.parse("2024-11-13T23:56:59Z"); // 181 s before midnight
        build(builder, evening, bot("S1", 1000, evening, evening));
        Instant morning = Instant.parse("2024-11-14T00:00:30Z");
        assertThat(build(builder, morning, bot("S1", 990, morning, morning)).dayPnl().source())
                .isEqualTo(DayPnl.Source.RECONSTRUCTED);
    }

    @Test
    void dayStart_fromTheSeed_survivesARestartTheSameDay_butNotTheNextDay() {
        HistorySeed seed = new HistorySeed(ClosedTradeMarks.none(),
                Optional.of(new DayStart(LocalDate.parse("2024-11-14"), 1100, DayPnl.Source.OBSERVED)), List.of());
        PortfolioViewBuilder builder = new PortfolioViewBuilder(PortfolioTestPolicy.policy(),
                PortfolioTestPolicy.settings(false), seed);
        DayPnl day = build(builder, T0, bot("S1", 1000, T0, T0)).dayPnl();
        assertThat(day.source()).isEqualTo(DayPnl.Source.SEEDED);
        assertThat(day.pnlBase()).isEqualTo(-100.0);

        Instant tomorrow = T0.plus(Duration.ofDays(1));
        assertThat(build(builder, tomorrow, bot("S1", 1000, tomorrow, tomorrow)).dayPnl().source())
                .isEqualTo(DayPnl.Source.RECONSTRUCTED);
    }

    @Test
    void reconciliation_thresholdsAreStrict() {
        assertThat(ReconciliationState.of(0.0025, 0.0025, 0.01)).isEqualTo(ReconciliationState.NORMAL);
        assertThat(ReconciliationState.of(Math.nextUp(0.0025), 0.0025, 0.01)).isEqualTo(ReconciliationState.HALT);
        assertThat(ReconciliationState.of(0.01, 0.0025, 0.01)).isEqualTo(ReconciliationState.HALT);
        assertThat(ReconciliationState.of(Math.nextUp(0.01), 0.0025, 0.01)).isEqualTo(ReconciliationState.EMERGENCY);
    }

    static IbkrAccount account(double cash, double netLiquidation) {
        return new IbkrAccount("USD", netLiquidation, Map.of("USD", cash), Map.of("USD", 1.0), 0.0, List.of());
    }

    @Test
    void ibkr_aComputedNavOffByMoreThanAQuarterPercent_halts_andOneAbove1Percent_isAnEmergency() {
        Instant at = Instant.parse("2024-11-14T12:00:00Z");
        PortfolioView halt = builder(true).build(new PortfolioInputs(List.of(bot("S1", 1000, at, at)), List.of(),
                new IbkrData(Optional.of(account(100_300, 100_000)), Optional.of(at), Optional.empty())), at);
        assertThat(halt.ibkr().orElseThrow().reconciliation()).isEqualTo(ReconciliationState.HALT);
        assertThat(halt.ibkr().orElseThrow().reconciliationRatio()).isCloseTo(0.003, within(1e-12));
        assertThat(halt.totalEquityBase()).isEqualTo(101_000.0);

        PortfolioView emergency = builder(true).build(new PortfolioInputs(List.of(bot("S1", 1000, at, at)), List.of(),
                new IbkrData(Optional.of(account(98_900, 100_000)), Optional.of(at), Optional.empty())), at);
        assertThat(emergency.ibkr().orElseThrow().reconciliation()).isEqualTo(ReconciliationState.EMERGENCY);
    }

    @Test
    void ibkr_enabledButNeverPolled_makesTheViewIncomplete_andStaleDataIsReported() {
        Instant at = Instant.parse("2024-11-14T12:00:00Z");
        PortfolioViewBuilder builder = builder(true);
        assertThat(build(builder, at, bot("S1", 1000, at, at)).complete()).isFalse();

        Instant later = at.plusSeconds(181);
        PortfolioView view = builder.build(new PortfolioInputs(List.of(bot("S1", 1000, later, later)), List.of(),
                new IbkrData(Optional.of(account(100_000, 100_000)), Optional.of(at), Optional.of("IBKR CONNECT"))), later);
        assertThat(view.complete()).isTrue();
        assertThat(view.ibkr().orElseThrow().staleReason().orElseThrow())
                .isEqualTo("no successful IBKR poll for 181 s (limit 180 s) (last failure: IBKR CONNECT)");
    }

    @Test
    void maintenanceWindow_startInclusive_endExclusive() {
        Instant sunday2345 = Instant.parse("2024-11-17T23:45:00Z");
        assertThat(build(builder(false), sunday2345, bot("S1", 1000, sunday2345, sunday2345)).inMaintenanceWindow()).isTrue();
        Instant monday0045 = Instant.parse("2024-11-18T00:45:00Z");
        assertThat(build(builder(false), monday0045, bot("S1", 1000, monday0045, monday0045)).inMaintenanceWindow()).isFalse();
        Instant daily2214 = Instant.parse("2024-11-14T22:14:59Z");
        assertThat(build(builder(false), daily2214, bot("S1", 1000, daily2214, daily2214)).inMaintenanceWindow()).isTrue();
    }

    @Test
    void closedTrades_inAnIncompleteView_areShownAgainInTheNextOne() {
        PortfolioViewBuilder builder = builder(false);
        ClosedTrade t = new ClosedTrade(3, "SOL/USDT", false, T0.minusSeconds(60), 0.02, 10);
        BotData s1 = new BotData("S1", Optional.of(spot("USDT")), Optional.of(new BotBalance(1000, "USDT")),
                Optional.of(T0), List.of(), Optional.of(T0), Optional.of(T0), List.of(t), List.of(), Optional.empty(),
                Optional.empty());
        PortfolioView incomplete = build(builder, T0, s1, BotData.empty("S2"));
        assertThat(incomplete.newClosedTrades()).hasSize(1);
        assertThat(builder.closedTradeMarks().find("S1")).isEmpty();

        PortfolioView complete = build(builder, T0.plusSeconds(15), s1);
        assertThat(complete.newClosedTrades()).extracting(ClosedTradeSnapshot::tradeId).containsExactly(3L);
        assertThat(build(builder, T0.plusSeconds(30), s1).newClosedTrades()).isEmpty();
    }
}
