package com.portfolioorchestrator.core.regime;

import static com.portfolioorchestrator.core.regime.VolatilityRegime.EXTREME;
import static com.portfolioorchestrator.core.regime.VolatilityRegime.HIGH;
import static com.portfolioorchestrator.core.regime.VolatilityRegime.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.portfolioorchestrator.core.policy.RegimeAdjustment;
import com.portfolioorchestrator.core.policy.VolatilityPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Playbook 2.4 with PRODUCT.md numbers: high 1.5 for 3 h, exit 1.0; extreme 2.2 at once, exit 1.8; persistence 3 h. */
class RegimeTrackerTest {
    static final RegimeAdjustment HIGH_ADJ = new RegimeAdjustment(0.70, 0.80, 0.80, List.of());
    static final RegimeAdjustment EXTREME_ADJ = new RegimeAdjustment(0.50, 0.60, 1.0, List.of("S2", "S7"));
    static final VolatilityPolicy POLICY = new VolatilityPolicy("S5", "BTC/USDT:USDT", "1h", 14, 30,
            1.5, 3, 1.0, 2.2, 1.8, HIGH_ADJ, EXTREME_ADJ);
    private static final Instant H0 = Instant.parse("2024-11-13T00:00:00Z");

    private static Instant hour(int i) {
        return H0.plus(Duration.ofHours(i));
    }

    private RegimeTracker tracker;
    private int next;

    private RegimeTracker fresh() {
        tracker = new RegimeTracker(POLICY, RegimeTracker.initialState());
        next = 0;
        return tracker;
    }

    /** Feeds consecutive hours; returns the regime after the last. */
    private VolatilityRegime feed(double... zs) {
        VolatilityRegime r = tracker.regime();
        for (double z : zs) {
            r = tracker.onHourlyZ(hour(next++), z);
        }
        return r;
    }

    private void toHigh() {
        fresh();
        assertThat(feed(1.6, 1.6, 1.6)).isEqualTo(HIGH);
    }

    private void toExtreme() {
        fresh();
        assertThat(feed(2.5)).isEqualTo(EXTREME);
    }

    @Test
    void high_whenZAtExactly1_5For3ConsecutiveHours_entersHighOnTheThirdHour() {
        fresh();
        assertThat(feed(1.5)).isEqualTo(NORMAL);
        assertThat(feed(1.5)).isEqualTo(NORMAL);
        assertThat(feed(1.5)).isEqualTo(HIGH);
        assertThat(tracker.state().since()).isEqualTo(hour(2));
    }

    @Test
    void high_whenZJustAbove1_5For3Hours_entersHigh_butFor2HoursThenBelow_staysNormal() {
        fresh();
        assertThat(feed(1.5001, 1.5001, 1.5001)).isEqualTo(HIGH);
        fresh();
        assertThat(feed(1.5001, 1.5001, 1.4999)).isEqualTo(NORMAL);
        assertThat(feed(1.5001, 1.5001)).isEqualTo(NORMAL);
        assertThat(tracker.state().hoursAboveHigh()).isEqualTo(2);
    }

    @Test
    void high_whenZJustBelow1_5For3Hours_staysNormal() {
        fresh();
        assertThat(feed(1.4999, 1.4999, 1.4999, 1.4999)).isEqualTo(NORMAL);
        assertThat(tracker.state().hoursAboveHigh()).isZero();
    }

    @Test
    void extreme_whenZAt2_2_entersImmediately_from_normal_and_high() {
        fresh();
        assertThat(feed(2.2)).isEqualTo(EXTREME);
        assertThat(tracker.state().since()).isEqualTo(hour(0));
        toHigh();
        assertThat(feed(2.2)).isEqualTo(EXTREME);
    }

    @Test
    void extreme_whenZJustBelow2_2_isNotEntered_butCountsAsAboveHigh() {
        fresh();
        assertThat(feed(2.1999, 2.1999)).isEqualTo(NORMAL);
        assertThat(feed(2.1999)).isEqualTo(HIGH);
    }

    @Test
    void extremeExit_whenZBelow1_8For3Hours_leavesToHigh_whenThatHourIsAtLeast1_0() {
        toExtreme();
        assertThat(feed(1.7999, 1.7999)).isEqualTo(EXTREME);
        assertThat(feed(1.0)).isEqualTo(HIGH);
        assertThat(tracker.state().since()).isEqualTo(hour(3));
        assertThat(tracker.state().hoursBelowExit()).isZero();
    }

    @Test
    void extremeExit_whenThirdHourBelow1_0_leavesStraightToNormal() {
        toExtreme();
        assertThat(feed(1.7, 1.2, 0.9999)).isEqualTo(NORMAL);
    }

    @Test
    void extremeExit_whenZAtExactly1_8_doesNotCount() {
        toExtreme();
        assertThat(feed(1.8, 1.8, 1.8, 1.8)).isEqualTo(EXTREME);
        assertThat(tracker.state().hoursBelowExit()).isZero();
    }

    @Test
    void extremeExit_whenInterruptedByAnHourAtOrAbove1_8_restartsCounting() {
        toExtreme();
        assertThat(feed(1.7, 1.7, 1.9, 1.7, 1.7)).isEqualTo(EXTREME);
        assertThat(feed(1.7)).isEqualTo(HIGH);
    }

    @Test
    void highExit_whenZBelow1_0For3Hours_leavesToNormal() {
        toHigh();
        assertThat(feed(0.9999, 0.9999)).isEqualTo(HIGH);
        assertThat(feed(0.9999)).isEqualTo(NORMAL);
    }

    @Test
    void highExit_whenZAtExactly1_0_orBetweenExitAndEntry_staysHigh() {
        toHigh();
        assertThat(feed(1.0, 1.0, 1.0, 1.2, 1.4999)).isEqualTo(HIGH);
        assertThat(feed(0.5, 0.5, 1.0, 0.5, 0.5)).isEqualTo(HIGH);
        assertThat(feed(0.5)).isEqualTo(NORMAL);
    }

    @Test
    void gap_whenAnHourIsMissing_resetsTheEntryCounter() {
        fresh();
        tracker.onHourlyZ(hour(0), 1.6);
        tracker.onHourlyZ(hour(1), 1.6);
        assertThat(tracker.onHourlyZ(hour(3), 1.6)).isEqualTo(NORMAL);
        assertThat(tracker.state().hoursAboveHigh()).isEqualTo(1);
        tracker.onHourlyZ(hour(4), 1.6);
        assertThat(tracker.onHourlyZ(hour(5), 1.6)).isEqualTo(HIGH);
    }

    @Test
    void gap_whenAnHourIsMissing_resetsTheExitCounter() {
        toExtreme();
        tracker.onHourlyZ(hour(1), 1.0);
        tracker.onHourlyZ(hour(2), 1.0);
        assertThat(tracker.onHourlyZ(hour(4), 1.0)).isEqualTo(EXTREME);
        assertThat(tracker.state().hoursBelowExit()).isEqualTo(1);
    }

    @Test
    void duplicateOrOlderHour_isIgnored() {
        fresh();
        tracker.onHourlyZ(hour(5), 1.6);
        RegimeState before = tracker.state();
        assertThat(tracker.onHourlyZ(hour(5), 1.6)).isEqualTo(NORMAL);
        assertThat(tracker.onHourlyZ(hour(5), 3.0)).isEqualTo(NORMAL);
        assertThat(tracker.onHourlyZ(hour(4), 3.0)).isEqualTo(NORMAL);
        assertThat(tracker.state()).isEqualTo(before);
    }

    @Test
    void nanZ_isIgnored_andLeavesAGap() {
        fresh();
        tracker.onHourlyZ(hour(0), 1.6);
        tracker.onHourlyZ(hour(1), 1.6);
        RegimeState before = tracker.state();
        assertThat(tracker.onHourlyZ(hour(2), Double.NaN)).isEqualTo(NORMAL);
        assertThat(tracker.state()).isEqualTo(before);
        assertThat(tracker.onHourlyZ(hour(3), 1.6)).isEqualTo(NORMAL);
        assertThat(tracker.state().hoursAboveHigh()).isEqualTo(1);
    }

    @Test
    void adjustment_followsTheRegime() {
        fresh();
        assertThat(tracker.adjustment()).isSameAs(RegimeAdjustment.NONE);
        feed(1.6, 1.6, 1.6);
        assertThat(tracker.adjustment()).isEqualTo(HIGH_ADJ);
        feed(2.2);
        assertThat(tracker.adjustment()).isEqualTo(EXTREME_ADJ);
    }

    @Test
    void rejectsHourThatIsNotAWholeHour_andInconsistentThresholds() {
        fresh();
        assertThatThrownBy(() -> tracker.onHourlyZ(Instant.parse("2024-11-13T00:30:00Z"), 1.0))
                .hasMessage("hourStart must be the start of a UTC hour after the epoch, was 2024-11-13T00:30:00Z");
        assertThatThrownBy(() -> tracker.onHourlyZ(Instant.EPOCH, 1.0)).isInstanceOf(IllegalArgumentException.class);
        VolatilityPolicy inverted = new VolatilityPolicy("S5", "BTC/USDT:USDT", "1h", 14, 30, 1.5, 3, 1.6, 2.2, 1.8,
                HIGH_ADJ, EXTREME_ADJ);
        assertThatThrownBy(() -> new RegimeTracker(inverted, RegimeTracker.initialState()))
                .hasMessage("high_exit_z 1.6 must be <= high_z 1.5");
        assertThatThrownBy(() -> new RegimeState(NORMAL, Instant.EPOCH, -1, 0, Instant.EPOCH))
                .hasMessage("hoursAboveHigh must be >= 0, was -1");
    }

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void stateRoundTrip_aTrackerRebuiltFromStateBehavesIdentically(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int hours = 20 + r.nextInt(100);
        int split = r.nextInt(hours);
        RegimeTracker original = new RegimeTracker(POLICY, RegimeTracker.initialState());
        RegimeTracker restored = null;
        int h = 0;
        for (int i = 0; i < hours; i++) {
            h += r.nextInt(10) == 0 ? 1 + r.nextInt(3) : 1;
            if (r.nextInt(15) == 0) {
                h -= 1 + r.nextInt(2);
            }
            double z = r.nextInt(20) == 0 ? Double.NaN : r.nextDouble(-1, 3);
            if (i == split) {
                restored = new RegimeTracker(POLICY, original.state());
                assertThat(restored.state()).isEqualTo(original.state());
            }
            VolatilityRegime expected = original.onHourlyZ(hour(Math.max(h, 0)), z);
            if (restored != null) {
                assertThat(restored.onHourlyZ(hour(Math.max(h, 0)), z)).isEqualTo(expected);
                assertThat(restored.state()).isEqualTo(original.state());
            }
        }
    }
}
