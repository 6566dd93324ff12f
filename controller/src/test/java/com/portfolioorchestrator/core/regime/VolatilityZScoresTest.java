package com.portfolioorchestrator.core.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.portfolioorchestrator.core.policy.VolatilityPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Over the Freqtrade /pair_candles fixture: 60 BTC/USDT:USDT 1 h candles, 2024-11-11 21:00 .. 2024-11-14 08:00 UTC. */
class VolatilityZScoresTest {

    /** One row of {@code data}: ["date", open, high, low, close, volume, __date_ts]. */
    private static final Pattern ROW = Pattern.compile(
            "\\[\\s*\"([^\"]+)\",\\s*([-0-9.eE]+),\\s*([-0-9.eE]+),\\s*([-0-9.eE]+),\\s*([-0-9.eE]+),\\s*([-0-9.eE]+),\\s*(\\d+)\\s*]");

    private record Candles(List<Instant> dates, double[] high, double[] low, double[] close) {}

    private static Candles load() throws IOException {
        String json;
        try (InputStream in = VolatilityZScoresTest.class.getResourceAsStream("/fixtures/pair_candles_btc_1h.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Instant> dates = new ArrayList<>();
        List<double[]> hlc = new ArrayList<>();
        Matcher m = ROW.matcher(json.substring(json.indexOf("\"data\"")));
        while (m.find()) {
            dates.add(Instant.parse(m.group(1)));
            hlc.add(new double[] {Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)),
                    Double.parseDouble(m.group(5))});
        }
        double[] high = new double[hlc.size()];
        double[] low = new double[hlc.size()];
        double[] close = new double[hlc.size()];
        for (int i = 0; i < hlc.size(); i++) {
            high[i] = hlc.get(i)[0];
            low[i] = hlc.get(i)[1];
            close[i] = hlc.get(i)[2];
        }
        return new Candles(dates, high, low, close);
    }

    @Test
    void fromCandles_overTheFixture_isAlignedWithCandles_andMatchesAnIndependentComputation() throws IOException {
        Candles c = load();
        assertThat(c.close()).hasSize(60);
        double[] z = VolatilityZScores.fromCandles(c.high(), c.low(), c.close(), RegimeTrackerTest.POLICY);
        assertThat(z).hasSize(60);
        // ATR(14) exists from candle 14; a z-score needs 24 earlier ATR % values: first at candle 38
        for (int i = 0; i < 38; i++) {
            assertThat(z[i]).as("candle %d", i).isNaN();
        }
        // reference values from a separate Python implementation (Wilder ATR, sample sd over the earlier values)
        assertThat(c.dates().get(38)).isEqualTo(Instant.parse("2024-11-13T11:00:00Z"));
        assertThat(z[38]).isCloseTo(1.6424951932447027, within(1e-9));
        assertThat(z[40]).isCloseTo(2.1998, within(1e-4));
        assertThat(z[41]).isCloseTo(3.6157, within(1e-4));
        assertThat(z[59]).isCloseTo(0.9396659918618404, within(1e-9));
    }

    @Test
    void fixtureSeries_drivesTheTracker_extremeOnTheSpike_normalAfterThreeCalmerHours() throws IOException {
        Candles c = load();
        double[] z = VolatilityZScores.fromCandles(c.high(), c.low(), c.close(), RegimeTrackerTest.POLICY);
        RegimeTracker tracker = new RegimeTracker(RegimeTrackerTest.POLICY, RegimeTracker.initialState());
        Instant extremeAt = null;
        for (int i = 0; i < z.length; i++) {
            if (tracker.onHourlyZ(c.dates().get(i), z[i]) == VolatilityRegime.EXTREME && extremeAt == null) {
                extremeAt = c.dates().get(i);
            }
        }
        // z 2.1998 at 13:00 stays below 2.2; 3.6157 at 14:00 is EXTREME at once; from 02:00 z < 1.8 (1.378, 1.167,
        // 0.891): the third hour is below 1.0, so EXTREME is left straight to NORMAL at 04:00
        assertThat(extremeAt).isEqualTo(Instant.parse("2024-11-13T14:00:00Z"));
        assertThat(tracker.regime()).isEqualTo(VolatilityRegime.NORMAL);
        assertThat(tracker.state().since()).isEqualTo(Instant.parse("2024-11-14T04:00:00Z"));
    }

    @Test
    void fromCandles_limitsTheHistoryToTheWindow() {
        // 1 h candles, a 1-day window (24 values), ATR period 1, close 100: ATR % = true range. Candles 0..19 have
        // range 6, later ones 2..4.
        double[] high = new double[60];
        double[] low = new double[60];
        double[] close = new double[60];
        for (int i = 0; i < 60; i++) {
            close[i] = 100;
            high[i] = 100 + (i < 20 ? 5 : 1 + (i % 3));
            low[i] = 100 - 1;
        }
        VolatilityPolicy oneDay = new VolatilityPolicy("S5", "BTC/USDT:USDT", "1h", 1, 1,
                1.5, 3, 1.0, 2.2, 1.8, RegimeTrackerTest.HIGH_ADJ, RegimeTrackerTest.EXTREME_ADJ);
        double[] z = VolatilityZScores.fromCandles(high, low, close, oneDay, 2);
        // candle 59: its 24 earlier values are candles 35..58; the wide early ranges are outside the window
        double[] tr = new double[24];
        for (int k = 0; k < 24; k++) {
            int i = 35 + k;
            tr[k] = (high[i] - low[i]);
        }
        double mean = 0;
        for (double v : tr) {
            mean += v;
        }
        mean /= 24;
        double ss = 0;
        for (double v : tr) {
            ss += (v - mean) * (v - mean);
        }
        double expected = ((high[59] - low[59]) - mean) / Math.sqrt(ss / 23);
        assertThat(z[59]).isCloseTo(expected, within(1e-12));
    }

    @Test
    void candlesPerDay_ofFreqtradeTimeframes() {
        assertThat(VolatilityZScores.candlesPerDay("1h")).isEqualTo(24);
        assertThat(VolatilityZScores.candlesPerDay("15m")).isEqualTo(96);
        assertThat(VolatilityZScores.candlesPerDay("1d")).isEqualTo(1);
        assertThatThrownBy(() -> VolatilityZScores.candlesPerDay("1w"))
                .hasMessage("timeframe must be a Freqtrade timeframe dividing a day (1m .. 1d), was '1w'");
        assertThatThrownBy(() -> VolatilityZScores.candlesPerDay("7m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VolatilityZScores.candlesPerDay("h")).isInstanceOf(IllegalArgumentException.class);
    }
}
