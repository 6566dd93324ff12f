package com.portfolioorchestrator.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketSimulatorTest {
    private static final Instant START = Instant.parse("2026-12-10T12:00:00Z");
    private static final String BTC = "BTC/USDT:USDT";
    private static final String ETH = "ETH/USDT:USDT";

    private static MarketSimulator market(long seed, Duration history) {
        return new MarketSimulator(MarketSettings.defaults(seed, START).withHistory(history));
    }

    @Test
    void sameSeed_givesTheSameSeries_inAnyChunking_andAnotherSeedDoesNot() {
        MarketSimulator a = market(11, Duration.ofDays(2));
        MarketSimulator b = market(11, Duration.ofDays(2));
        MarketSimulator c = market(12, Duration.ofDays(2));
        a.advanceTo(START.plus(Duration.ofHours(5)));
        for (int minutes = 7; minutes <= 300; minutes += 7) {
            b.advanceTo(START.plus(Duration.ofMinutes(minutes)));
        }
        b.advanceTo(START.plus(Duration.ofHours(5)));
        c.advanceTo(START.plus(Duration.ofHours(5)));
        assertThat(a.candles(BTC, Duration.ofHours(1), 100)).isEqualTo(b.candles(BTC, Duration.ofHours(1), 100));
        assertThat(a.price(ETH)).isEqualTo(b.price(ETH));
        assertThat(a.fundingRate(ETH)).isEqualTo(b.fundingRate(ETH));
        assertThat(a.candles(BTC, Duration.ofHours(1), 100)).isNotEqualTo(c.candles(BTC, Duration.ofHours(1), 100));
    }

    @Test
    void btcAndEthReturns_arePositivelyCorrelated() {
        MarketSimulator m = new MarketSimulator(MarketSettings.defaults(5, START).withHistory(Duration.ofDays(5))
                .withRandomBursts(0, 1));
        double[] btc = logReturns(m.candles(BTC, Duration.ofMinutes(5), 10_000));
        double[] eth = logReturns(m.candles(ETH, Duration.ofMinutes(5), 10_000));
        // loadings 0.90 and 0.85 on the common factor: expected correlation 0.765
        assertThat(correlation(btc, eth)).isBetween(0.70, 0.83);
        double[] es = logReturns(m.candles("ES", Duration.ofMinutes(5), 10_000));
        assertThat(correlation(btc, es)).as("index futures load on crypto only weakly").isBetween(0.1, 0.45);
    }

    @Test
    void burst_raisesRealisedVolatilityByTheConfiguredFactor_andWidensSpreads() {
        Instant burstStart = START.minus(Duration.ofDays(4));
        MarketSettings settings = MarketSettings.defaults(9, START).withHistory(Duration.ofDays(6))
                .withRandomBursts(0, 1)
                .withEvents(List.of(new MarketEvent(burstStart, Duration.ofDays(2), 4.0, 0.0)));
        MarketSimulator m = new MarketSimulator(settings);
        List<Candle> candles = m.candles(BTC, Duration.ofMinutes(5), 10_000);
        double calm = 0;
        double burst = 0;
        int calmCount = 0;
        int burstCount = 0;
        for (int i = 1; i < candles.size(); i++) {
            long t = candles.get(i).openTimeMillis();
            double r = Math.log(candles.get(i).close() / candles.get(i - 1).close());
            boolean inBurst = t >= burstStart.toEpochMilli() && t + 300_000 <= burstStart.plus(Duration.ofDays(2)).toEpochMilli();
            boolean calmPeriod = t + 300_000 <= burstStart.toEpochMilli() || t > burstStart.plus(Duration.ofDays(2)).toEpochMilli();
            if (inBurst) {
                burst += r * r;
                burstCount++;
            } else if (calmPeriod) {
                calm += r * r;
                calmCount++;
            }
        }
        double ratio = Math.sqrt(burst / burstCount) / Math.sqrt(calm / calmCount);
        assertThat(ratio).isBetween(3.6, 4.4);
        double calmVol = Math.sqrt(calm / calmCount) * Math.sqrt(12);
        assertThat(calmVol).as("hourly volatility of BTC in the calm regime").isBetween(0.0054, 0.0066);

        MarketSimulator spreads = new MarketSimulator(settings.withEvents(
                List.of(new MarketEvent(START, Duration.ofHours(2), 4.0, 0.0))));
        double calmSpread = spreads.spreadBps(BTC);
        spreads.advanceTo(START.plus(Duration.ofMinutes(30)));
        assertThat(spreads.volatilityMultiplier()).isEqualTo(4.0);
        assertThat(spreads.spreadBps(BTC)).isGreaterThan(2 * calmSpread);
    }

    @Test
    void candles_areClosedOnly_andAggregateTheFiveMinuteCandles() {
        MarketSimulator m = market(21, Duration.ofDays(1));
        m.advanceTo(START.plus(Duration.ofMinutes(95)));
        List<Candle> hours = m.candles(BTC, Duration.ofHours(1), 3);
        assertThat(hours).hasSize(3);
        assertThat(hours.get(2).openTimeMillis()).isEqualTo(START.plus(Duration.ofHours(0)).toEpochMilli());
        List<Candle> fives = m.candles(BTC, Duration.ofMinutes(5), 19);
        List<Candle> lastHour = fives.subList(0, 12);
        assertThat(lastHour.get(0).openTimeMillis()).isEqualTo(START.toEpochMilli());
        Candle h = hours.get(2);
        assertThat(h.open()).isEqualTo(lastHour.get(0).open());
        assertThat(h.close()).isEqualTo(lastHour.get(11).close());
        assertThat(h.high()).isEqualTo(lastHour.stream().mapToDouble(Candle::high).max().orElseThrow());
        assertThat(h.low()).isEqualTo(lastHour.stream().mapToDouble(Candle::low).min().orElseThrow());
        assertThat(fives.get(fives.size() - 1).openTimeMillis()).isEqualTo(START.plus(Duration.ofMinutes(90)).toEpochMilli());
        assertThat(m.candles(BTC, Duration.ofHours(1), 1000)).hasSize(25);
    }

    @Test
    void scriptedCrash_dropsCryptoPricesByAboutTheDrift() {
        MarketSettings settings = MarketSettings.defaults(4, START).withHistory(Duration.ofDays(1)).withRandomBursts(0, 1)
                .withEvents(List.of(new MarketEvent(START, Duration.ofHours(3), 1.0, -0.03)));
        MarketSimulator m = new MarketSimulator(settings);
        double before = m.price(BTC);
        m.advanceTo(START.plus(Duration.ofHours(3)));
        // drift -9 % in log terms; noise over 3 h is about 1 % (one standard deviation)
        assertThat(Math.log(m.price(BTC) / before)).isBetween(-0.13, -0.05);
    }

    @Test
    void indexDrift_movesOnlyTheIndexFutures_eachByItsVolatilityShare() {
        MarketSettings calm = MarketSettings.defaults(4, START).withHistory(Duration.ofDays(1)).withRandomBursts(0, 1);
        MarketSimulator without = new MarketSimulator(calm);
        MarketSimulator with = new MarketSimulator(calm.withEvents(
                List.of(new MarketEvent(START, Duration.ofMinutes(15), 1.0, 0.0, -0.10))));
        without.advanceTo(START.plus(Duration.ofMinutes(30)));
        with.advanceTo(START.plus(Duration.ofMinutes(30)));
        // same random draws: the difference is the drift alone, -0.10 an hour for 15 minutes (prices round to a tick)
        assertThat(Math.log(with.price("ES") / without.price("ES"))).isCloseTo(-0.025, within(0.0001));
        assertThat(Math.log(with.price("NQ") / without.price("NQ")))
                .isCloseTo(-0.025 * 0.0032 / 0.0025, within(0.0001));
        for (String crypto : List.of(BTC, ETH, "SOL/USDT:USDT", "XRP/USDT:USDT", "DOGE/USDT:USDT", "AVAX/USDT:USDT")) {
            assertThat(with.price(crypto)).as(crypto).isEqualTo(without.price(crypto));
        }
        assertThat(with.candles(BTC, Duration.ofMinutes(5), 6))
                .isEqualTo(without.candles(BTC, Duration.ofMinutes(5), 6));
    }

    @Test
    void marketEvent_withoutAnIndexDrift_isTheFourArgumentEvent() {
        MarketEvent crash = new MarketEvent(START, Duration.ofHours(3), 5.0, -0.025);
        assertThat(crash).isEqualTo(new MarketEvent(START, Duration.ofHours(3), 5.0, -0.025, 0.0));
        assertThatThrownBy(() -> new MarketEvent(START, Duration.ofHours(1), 1.0, 0.0, -0.6))
                .hasMessageContaining("indexDriftPerHour must be finite and within +-0.5, was -0.6");
    }

    private static double[] logReturns(List<Candle> candles) {
        double[] out = new double[candles.size() - 1];
        for (int i = 1; i < candles.size(); i++) {
            out[i - 1] = Math.log(candles.get(i).close() / candles.get(i - 1).close());
        }
        return out;
    }

    private static double correlation(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
