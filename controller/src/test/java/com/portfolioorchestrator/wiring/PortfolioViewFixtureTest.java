package com.portfolioorchestrator.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JavaType;
import com.portfolioorchestrator.adapters.freqtrade.Balances;
import com.portfolioorchestrator.adapters.freqtrade.Daily;
import com.portfolioorchestrator.adapters.freqtrade.Health;
import com.portfolioorchestrator.adapters.freqtrade.PairCandles;
import com.portfolioorchestrator.adapters.freqtrade.Profit;
import com.portfolioorchestrator.adapters.freqtrade.ShowConfig;
import com.portfolioorchestrator.adapters.freqtrade.Trade;
import com.portfolioorchestrator.adapters.freqtrade.TradesPage;
import com.portfolioorchestrator.adapters.ibkr.AccountSummary;
import com.portfolioorchestrator.adapters.ibkr.IbkrPosition;
import com.portfolioorchestrator.adapters.ibkr.Ledger;
import com.portfolioorchestrator.adapters.ibkr.PositionNormalizer;
import com.portfolioorchestrator.adapters.ibkr.PositionRow;
import com.portfolioorchestrator.app.portfolio.BotData;
import com.portfolioorchestrator.app.portfolio.BotStatus;
import com.portfolioorchestrator.app.portfolio.ClosedTradeSnapshot;
import com.portfolioorchestrator.app.portfolio.DayPnl;
import com.portfolioorchestrator.app.portfolio.HistorySeed;
import com.portfolioorchestrator.app.portfolio.IbkrData;
import com.portfolioorchestrator.app.portfolio.PortfolioInputs;
import com.portfolioorchestrator.app.portfolio.PortfolioTestPolicy;
import com.portfolioorchestrator.app.portfolio.PortfolioView;
import com.portfolioorchestrator.app.portfolio.PortfolioViewBuilder;
import com.portfolioorchestrator.app.portfolio.PositionSnapshot;
import com.portfolioorchestrator.app.portfolio.ReconciliationState;
import com.portfolioorchestrator.app.portfolio.Side;
import com.portfolioorchestrator.app.portfolio.StopSource;
import com.portfolioorchestrator.app.portfolio.source.ClosedTrade;
import com.portfolioorchestrator.app.portfolio.source.IbkrAccount;
import com.portfolioorchestrator.app.portfolio.source.OpenTrade;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The view built from the Freqtrade fixture bot S3 (futures, 2024-11-14 09:41:27 UTC) and the IBKR fixture account,
 * against values computed by hand from the fixture README.
 */
class PortfolioViewFixtureTest {
    static final Instant NOW = Instant.parse("2024-11-14T09:41:27Z");
    static final double EPS = 1e-6;

    static List<OpenTrade> openTrades() {
        JavaType list = PollerFixtures.mapper().getTypeFactory().constructCollectionType(List.class, Trade.class);
        return FreqtradeSnapshots.parseOpen(PollerFixtures.read("freqtrade/status_two_open.json", list));
    }

    static List<ClosedTrade> closedTrades() {
        return FreqtradeSnapshots.parseClosed(PollerFixtures.read("freqtrade/trades_page.json", TradesPage.class).trades());
    }

    /** Bot S3 as the poller holds it after one good guard and risk poll at {@code NOW}. */
    static BotData s3(Instant polledAt, List<OpenTrade> open, List<ClosedTrade> closed) {
        return new BotData("S3",
                Optional.of(FreqtradeSnapshots.parse(PollerFixtures.read("freqtrade/show_config.json", ShowConfig.class))),
                Optional.of(FreqtradeSnapshots.parse(PollerFixtures.read("freqtrade/balance.json", Balances.class))),
                Optional.of(polledAt), open, Optional.of(polledAt),
                FreqtradeSnapshots.parse(PollerFixtures.read("freqtrade/health.json", Health.class)), closed,
                FreqtradeSnapshots.parse(PollerFixtures.read("freqtrade/daily.json", Daily.class)),
                Optional.of(FreqtradeSnapshots.parse(PollerFixtures.read("freqtrade/profit.json", Profit.class))),
                Optional.empty());
    }

    static PortfolioInputs inputs(BotData bot) {
        return new PortfolioInputs(List.of(bot),
                FreqtradeSnapshots.parse(PollerFixtures.read("freqtrade/pair_candles_btc_1h.json", PairCandles.class)),
                IbkrData.none());
    }

    static PortfolioViewBuilder builder() {
        return new PortfolioViewBuilder(PortfolioTestPolicy.policy(List.of()), PortfolioTestPolicy.settings(false),
                HistorySeed.empty());
    }

    @Test
    void equity_ofAFuturesBot_isTotalBotPlusOpenTradesTotalProfitAbs() {
        PortfolioView view = builder().build(inputs(s3(NOW, openTrades(), closedTrades())), NOW);

        BotStatus s3 = view.findBot("S3").orElseThrow();
        // total_bot 10136.89846727 + 34.65726282 + 15.59647894 (README relation 3)
        assertThat(s3.equityBase().getAsDouble()).isCloseTo(10187.15220903, within(EPS));
        assertThat(view.totalEquityBase()).isCloseTo(10187.15220903, within(EPS));
        assertThat(view.complete()).isTrue();
        assertThat(s3.stale()).as(s3.staleReason().orElse("")).isFalse();
        assertThat(view.stale()).isFalse();
        assertThat(view.freshUntil()).isEqualTo(NOW.plusSeconds(180));
    }

    @Test
    void positions_areMarkedAtCurrentRate_withRiskFromMarkToStop() {
        PortfolioView view = builder().build(inputs(s3(NOW, openTrades(), closedTrades())), NOW);

        assertThat(view.positions()).hasSize(2);
        PositionSnapshot t7 = view.positions().get(0);
        assertThat(t7.tradeId()).isEqualTo(7);
        assertThat(t7.side()).isEqualTo(Side.LONG);
        assertThat(t7.stakeAmount()).isEqualTo(985.71);
        assertThat(t7.leverage()).isEqualTo(3.0);
        assertThat(t7.openedAt()).contains(Instant.ofEpochMilli(1731538806402L));
        // 0.033 x current 90712.4 (open-rate notional would be 2957.13)
        assertThat(t7.notionalBase()).isCloseTo(2993.5092, within(EPS));
        // the stop moved from 86623.0 to 87715.4: 0.033 x (90712.4 - 87715.4)
        assertThat(t7.stopPrice()).hasValue(87715.4);
        assertThat(t7.stopSource()).isEqualTo(StopSource.TRADE_STOP);
        assertThat(t7.riskAtStopBase().getAsDouble()).isCloseTo(98.901, within(EPS));

        PositionSnapshot t8 = view.positions().get(1);
        assertThat(t8.side()).isEqualTo(Side.SHORT);
        assertThat(t8.notionalBase()).isCloseTo(0.627 * 3162.71, within(EPS)); // 1983.01917
        // short: 0.627 x (stop 3347.94 - current 3162.71) = 0.627 x 185.23
        assertThat(t8.riskAtStopBase().getAsDouble()).isCloseTo(116.13921, within(EPS));
        assertThat(view.grossNotionalBase()).isCloseTo(4976.52837, within(EPS));
    }

    @Test
    void riskAtStop_withoutStopLossAbs_usesTheCurrentDistance_thenTheConfiguredStoploss() {
        OpenTrade t7 = openTrades().get(0);
        OpenTrade byDistance = new OpenTrade(7, t7.pair(), false, t7.amount(), t7.stakeAmount(), t7.leverage(),
                t7.openRate(), t7.openedAt(), t7.currentRate(), OptionalDouble.empty(), OptionalDouble.of(-2997.0),
                t7.totalProfitAbs());
        OpenTrade noStop = new OpenTrade(9, t7.pair(), false, t7.amount(), t7.stakeAmount(), t7.leverage(),
                t7.openRate(), t7.openedAt(), t7.currentRate(), OptionalDouble.empty(), OptionalDouble.empty(),
                t7.totalProfitAbs());

        PortfolioView view = builder().build(inputs(s3(NOW, List.of(byDistance, noStop), closedTrades())), NOW);

        PositionSnapshot first = view.positions().get(0);
        assertThat(first.stopSource()).isEqualTo(StopSource.CURRENT_DISTANCE);
        assertThat(first.stopPrice().getAsDouble()).isCloseTo(87715.4, within(EPS));
        assertThat(first.riskAtStopBase().getAsDouble()).isCloseTo(98.901, within(EPS));
        PositionSnapshot second = view.positions().get(1);
        assertThat(second.stopSource()).isEqualTo(StopSource.CONFIGURED_STOPLOSS);
        assertThat(second.stopPrice()).isEmpty();
        // notional 2993.5092 x the configured stoploss 0.05
        assertThat(second.riskAtStopBase().getAsDouble()).isCloseTo(149.67546, within(EPS));
    }

    @Test
    void dayPnl_withoutAnEarlierView_isReconstructedFromRealisedTodayAndUnrealised() {
        PortfolioView view = builder().build(inputs(s3(NOW, openTrades(), closedTrades())), NOW);

        DayPnl day = view.dayPnl();
        assertThat(day.source()).isEqualTo(DayPnl.Source.RECONSTRUCTED);
        // realised today: trade 6 (closed 06:00:03) 51.28872111; unrealised now 50.25374176
        assertThat(day.realisedBase()).isCloseTo(51.28872111, within(EPS));
        assertThat(day.pnlBase()).isCloseTo(101.54246287, within(EPS));
        // = /daily data[0].starting_balance, the closed-trade balance at 00:00
        assertThat(day.startEquityBase()).isCloseTo(10085.60974616, within(EPS));
        assertThat(day.fraction()).isCloseTo(101.54246287 / 10085.60974616, within(1e-12));
    }

    @Test
    void closedTrades_areDeliveredOnceInCloseOrder_acrossOverlappingPolls() {
        PortfolioViewBuilder builder = builder();
        List<ClosedTrade> all = closedTrades();

        PortfolioView first = builder.build(inputs(s3(NOW, openTrades(), all.subList(0, 4))), NOW);
        // trades 1-4 close in the order 2, 1, 3, 4
        assertThat(first.newClosedTrades()).extracting(ClosedTradeSnapshot::tradeId).containsExactly(2L, 1L, 3L, 4L);
        assertThat(first.newClosedTrades().get(0).profitAbsBase()).isCloseTo(-104.00244823, within(EPS));

        // the next page overlaps (3, 4 again) and brings 5, 6
        Instant later = NOW.plusSeconds(60);
        PortfolioView second = builder.build(inputs(s3(later, openTrades(), all.subList(2, 6))), later);
        assertThat(second.newClosedTrades()).extracting(ClosedTradeSnapshot::tradeId).containsExactly(5L, 6L);

        Instant third = later.plusSeconds(60);
        assertThat(builder.build(inputs(s3(third, openTrades(), all)), third).newClosedTrades()).isEmpty();
        assertThat(builder.closedTradeMarks().find("S3").orElseThrow().tradeId()).isEqualTo(6);

        // a restart with the persisted marks re-delivers nothing older
        PortfolioViewBuilder restarted = new PortfolioViewBuilder(PortfolioTestPolicy.policy(List.of()),
                PortfolioTestPolicy.settings(false), new HistorySeed(second.closedTradeMarks(), Optional.empty(), List.of()));
        assertThat(restarted.build(inputs(s3(third, openTrades(), all)), third).newClosedTrades()).isEmpty();
    }

    @Test
    void hourlyPnl_bookRealisedProfitByCloseHour_overSevenDays() {
        PortfolioView view = builder().build(inputs(s3(NOW, openTrades(), closedTrades())), NOW);

        double[] s3 = view.hourlyPnlByStrategy().get("S3").values();
        assertThat(s3).hasSize(168);
        // the series ends with the 08:00-09:00 hour of 2024-11-14 (index 167)
        assertThat(s3[165]).isCloseTo(51.28872111, within(EPS));   // trade 6, 06:00:03
        assertThat(s3[154]).isCloseTo(0.21004051, within(EPS));    // trade 5, 11-13 19:00:06
        assertThat(s3[149]).isCloseTo(-101.61809352, within(EPS)); // trade 4, 11-13 14:27:51
        assertThat(s3[103]).isCloseTo(160.85457095, within(EPS));  // trade 3, 11-11 16:00:04
        assertThat(s3[66]).isCloseTo(130.16567645, within(EPS));   // trade 1, 11-10 03:00:06
        assertThat(s3[63]).isCloseTo(-104.00244823, within(EPS));  // trade 2, 11-10 00:42:11
        assertThat(view.hourlyPnlByStrategy().get("S3").sum()).isCloseTo(136.89846727, within(EPS));
    }

    @Test
    void hourlyPnl_addsTheChangeOfUnrealisedPnlBetweenHours() {
        PortfolioViewBuilder builder = builder();
        builder.build(inputs(s3(NOW, openTrades(), closedTrades())), NOW); // 09:41, unrealised 50.25374176
        OpenTrade t7 = openTrades().get(0);
        OpenTrade t7Later = new OpenTrade(7, t7.pair(), false, t7.amount(), t7.stakeAmount(), t7.leverage(),
                t7.openRate(), t7.openedAt(), t7.currentRate(), t7.stopLossAbs(), t7.stoplossCurrentDist(),
                OptionalDouble.of(40.0));
        List<OpenTrade> later = List.of(t7Later, openTrades().get(1));
        Instant tenFortyOne = NOW.plus(Duration.ofHours(1));
        builder.build(inputs(s3(tenFortyOne, later, closedTrades())), tenFortyOne); // 10:41, 55.59647894
        Instant elevenOFive = Instant.parse("2024-11-14T11:05:00Z");
        PortfolioView view = builder.build(inputs(s3(elevenOFive, later, closedTrades())), elevenOFive);

        double[] s3 = view.hourlyPnlByStrategy().get("S3").values();
        // last element = the 10:00 hour: 55.59647894 - 50.25374176; the 09:00 hour had no earlier sample: 0
        assertThat(s3[167]).isCloseTo(40.0 - 34.65726282, within(EPS));
        assertThat(s3[166]).isEqualTo(0.0);
    }

    @Test
    void dailyReturns_andEdge_comeFromDailyAndProfit() {
        PortfolioView view = builder().build(inputs(s3(NOW, openTrades(), closedTrades())), NOW);

        double[] daily = view.dailyReturnsByStrategy().get("S3").values();
        assertThat(daily).hasSize(20);
        // 20 complete days ending 2024-11-13 (today, 11-14, is partial and left out); /daily starts on 11-08
        assertThat(daily[19]).isCloseTo(-101.40805301 / 10187.01779917, within(1e-12)); // 11-13
        assertThat(daily[18]).isEqualTo(0.0);                                              // 11-12
        assertThat(daily[17]).isCloseTo(160.85457095 / 10026.16322822, within(1e-12));   // 11-11
        assertThat(daily[16]).isCloseTo(26.16322822 / 10000.0, within(1e-12));           // 11-10
        assertThat(daily[0]).isEqualTo(0.0);
        // S3 is the only mft bot with data: the bucket return is the same
        assertThat(view.dailyReturnsByBucket().get("mft").values()).containsExactly(daily, within(1e-12));
        assertThat(view.dailyReturnsByBucket()).containsOnlyKeys("mft");
        assertThat(view.closedTradeCounts()).containsEntry("S3", 6);
        assertThat(view.edges().get("S3").expectancyRatio().getAsDouble()).isEqualTo(0.22192735236937144);
        assertThat(view.edges().get("S3").expectancyBase().getAsDouble()).isEqualTo(22.81641121166667);
        assertThat(view.allocation().strategyWeight("S3")).isGreaterThan(0.0).isLessThanOrEqualTo(0.18);
        assertThat(view.allocation().computedAt()).isEqualTo(NOW);
    }

    @Test
    void candles_areClosedOnly_withZScoresAligned() {
        PortfolioView view = builder().build(inputs(s3(NOW, openTrades(), closedTrades())), NOW);

        assertThat(view.volatility().size()).isEqualTo(60);
        assertThat(view.volatility().openTimes().get(59)).isEqualTo(Instant.parse("2024-11-14T08:00:00Z"));
        assertThat(view.volatility().close().last()).isEqualTo(
                PollerFixtures.read("freqtrade/pair_candles_btc_1h.json", PairCandles.class).candles().get(59).close());
        // 60 candles: ATR from candle 14, z-scores from candle 14 + 24 = 38
        assertThat(view.volatility().zScores().get(37)).isNaN();
        assertThat(view.volatility().zScores().get(38)).isFinite();
        assertThat(view.latestZScore()).isPresent();

        // at 08:59:59 the 08:00 candle is still forming and is left out
        Instant beforeClose = Instant.parse("2024-11-14T08:59:59Z");
        PortfolioView early = builder().build(inputs(s3(beforeClose, openTrades(), closedTrades())), beforeClose);
        assertThat(early.volatility().size()).isEqualTo(59);
        assertThat(PortfolioViewBuilder.candlesNeeded(PortfolioTestPolicy.policy().volatility())).isEqualTo(735);
    }

    @Test
    void ibkr_fixtureAccount_reconcilesAndAddsNetLiquidationAndPositions() {
        JavaType rows = PollerFixtures.mapper().getTypeFactory().constructCollectionType(List.class, PositionRow.class);
        List<IbkrPosition> positions = new ArrayList<>();
        for (PositionRow row : PollerFixtures.<List<PositionRow>>read("ibkr/ibkr_positions_page0.json", rows)) {
            positions.add(PositionNormalizer.normalize(row, OptionalDouble.empty()));
        }
        JavaType summaryType = PollerFixtures.mapper().getTypeFactory()
                .constructMapType(Map.class, String.class, AccountSummary.Value.class);
        JavaType ledgerType = PollerFixtures.mapper().getTypeFactory()
                .constructMapType(Map.class, String.class, Ledger.Entry.class);
        IbkrAccount account = IbkrSnapshots.parse("USD",
                new AccountSummary(PollerFixtures.read("ibkr/ibkr_portfolio_summary.json", summaryType)),
                new Ledger(PollerFixtures.read("ibkr/ibkr_ledger.json", ledgerType)), positions);
        Instant at = Instant.parse("2025-11-24T16:00:00Z"); // a Monday, outside both windows
        PortfolioViewBuilder builder = new PortfolioViewBuilder(PortfolioTestPolicy.policy(),
                PortfolioTestPolicy.settings(true), HistorySeed.empty());

        PortfolioView view = builder.build(new PortfolioInputs(List.of(s3(at, openTrades(), closedTrades())), List.of(),
                new IbkrData(Optional.of(account), Optional.of(at), Optional.empty())), at);

        var ibkr = view.ibkr().orElseThrow();
        assertThat(ibkr.netLiquidationBase()).isEqualTo(328303.84);
        // cash 269752.5 + SPY 45444 + EUNL 9120 x 1.0825 + VOD 725 x 1.265 + futures' unrealised 1895.96 + 9.48
        // + accrued interest 412.37 = 328303.835
        assertThat(ibkr.computedNavBase()).isCloseTo(328303.835, within(EPS));
        assertThat(ibkr.reconciliationRatio()).isCloseTo(0.005 / 328303.84, within(1e-12));
        assertThat(ibkr.reconciliation()).isEqualTo(ReconciliationState.NORMAL);
        assertThat(ibkr.inMaintenanceWindow()).isFalse();
        assertThat(view.totalEquityBase()).isCloseTo(10187.15220903 + 328303.84, within(EPS));
        assertThat(view.complete()).isTrue();
        List<PositionSnapshot> held = view.positionsOf("IBKR");
        assertThat(held).extracting(PositionSnapshot::tradeId)
                .containsExactly(649180695L, 672387468L, 756733L, 100000001L, 100000002L);
        assertThat(held.get(0).notionalBase()).isCloseTo(2 * 50 * 6981.25, within(EPS));        // ES
        assertThat(held.get(1).notionalBase()).isCloseTo(2 * 2 * 21770.4296875, within(EPS));    // MNQ, derived multiplier 2
        assertThat(held.get(3).notionalBase()).isCloseTo(100 * 91.2 * 1.0825, within(EPS));      // EUNL in EUR
        assertThat(held.get(4).notionalBase()).isCloseTo(1000 * 0.725 * 1.265, within(EPS));     // VOD, pence corrected
        assertThat(held.get(0).riskAtStopBase()).isEmpty();
        assertThat(held.get(0).stopSource()).isEqualTo(StopSource.NONE);
    }
}
