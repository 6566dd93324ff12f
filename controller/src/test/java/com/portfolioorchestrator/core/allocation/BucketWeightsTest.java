package com.portfolioorchestrator.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Playbook 1.2 with the PRODUCT.md numbers: caps hft 0.40, mft 0.40, lft 0.45, event 0.20; floor 0.10. */
class BucketWeightsTest {
    private static final double[] CAPS = {0.40, 0.40, 0.45, 0.20};
    private static final double FLOOR = 0.10;
    private static final boolean[] ALL = {true, true, true, true};
    private static final double EXACT = 1e-15;

    @Test
    void solve_whenSigmasEqual_eventHeldAtItsCap_restSharedEqually() {
        double[] w = BucketWeights.solve(new double[] {0.02, 0.02, 0.02, 0.02}, ALL, CAPS, FLOOR);
        assertThat(w[0]).isCloseTo(0.8 / 3, within(EXACT));
        assertThat(w[1]).isCloseTo(0.8 / 3, within(EXACT));
        assertThat(w[2]).isCloseTo(0.8 / 3, within(EXACT));
        assertThat(w[3]).isEqualTo(0.20);
    }

    @Test
    void solve_whenOneBucketVeryCalm_itHitsItsCap_andTheExcessSpreadsByInverseVol() {
        // raw inverse vol 200:50:50:25 would give hft 0.615 and event 0.077 (< floor);
        // exact: hft at cap 0.40, the others lambda / sigma with lambda (50 + 50 + 25) = 0.60 -> lambda = 0.0048
        double[] w = BucketWeights.solve(new double[] {0.005, 0.02, 0.02, 0.04}, ALL, CAPS, FLOOR);
        assertThat(w).containsExactly(new double[] {0.40, 0.24, 0.24, 0.12}, within(EXACT));
        assertThat(BucketWeights.lambda(new double[] {0.005, 0.02, 0.02, 0.04}, ALL, CAPS, FLOOR))
                .isCloseTo(0.0048, within(1e-17));
    }

    @Test
    void solve_whenOneBucketVeryVolatile_itIsHeldAtTheFloor() {
        double[] w = BucketWeights.solve(new double[] {0.01, 0.01, 0.01, 0.10}, ALL, CAPS, FLOOR);
        assertThat(w).containsExactly(new double[] {0.30, 0.30, 0.30, 0.10}, within(EXACT));
        // volatile hft at the floor; event capped at 0.20; mft and lft share the remaining 0.70
        double[] v = BucketWeights.solve(new double[] {0.10, 0.02, 0.02, 0.02}, ALL, CAPS, FLOOR);
        assertThat(v).containsExactly(new double[] {0.10, 0.35, 0.35, 0.20}, within(EXACT));
    }

    @Test
    void solve_whenABucketIsDisabled_itGetsZero_andItsWeightGoesProRataWithinCaps() {
        double[] sigma = {0.01, 0.02, 0.02, 0.04};
        // all active: hft capped at 0.40, lambda (50 + 50 + 25) = 0.60 -> mft 0.24, lft 0.24, event 0.12
        assertThat(BucketWeights.solve(sigma, ALL, CAPS, FLOOR))
                .containsExactly(new double[] {0.40, 0.24, 0.24, 0.12}, within(EXACT));
        // event disabled: its 0.12 goes to mft and lft in proportion to their weights (0.06 each); hft stays at its cap
        assertThat(BucketWeights.solve(sigma, new boolean[] {true, true, true, false}, CAPS, FLOOR))
                .containsExactly(new double[] {0.40, 0.30, 0.30, 0.0}, within(EXACT));
    }

    @Test
    void solve_whenActiveCapsCannotPlaceOne_everyActiveBucketGetsItsCap_restUnallocated() {
        boolean[] mftAndEvent = {false, true, false, true};
        double[] w = BucketWeights.solve(new double[] {0.01, 0.02, 0.03, 0.04}, mftAndEvent, CAPS, FLOOR);
        assertThat(w).containsExactly(0.0, 0.40, 0.0, 0.20);
        assertThat(BucketWeights.lambda(new double[] {0.01, 0.02, 0.03, 0.04}, mftAndEvent, CAPS, FLOOR)).isInfinite();
    }

    @Test
    void solve_whenFloorsPlaceExactlyOne_everyBucketGetsTheFloor() {
        double[] w = BucketWeights.solve(new double[] {0.01, 0.05}, new boolean[] {true, true}, new double[] {0.6, 0.6}, 0.5);
        assertThat(w).containsExactly(0.5, 0.5);
    }

    @Test
    void solve_whenNoBucketIsActive_allZero() {
        assertThat(BucketWeights.solve(new double[] {0.01, 0.02}, new boolean[] {false, false}, new double[] {0.4, 0.4}, 0.1))
                .containsExactly(0.0, 0.0);
    }

    @Test
    void solve_whenFloorsExceedOne_throwsNamingTheNumbers() {
        assertThatThrownBy(() -> BucketWeights.solve(new double[] {0.01, 0.01, 0.01, 0.01}, ALL,
                new double[] {0.4, 0.4, 0.45, 0.4}, 0.3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("floor 0.3 x 4 active buckets")
                .hasMessageContaining("exceeds 1");
    }

    @Test
    void solve_rejectsBadInput_namingArgumentAndValue() {
        assertThatThrownBy(() -> BucketWeights.solve(new double[] {0.01, Double.NaN, 0.01, 0.01}, ALL, CAPS, FLOOR))
                .hasMessage("sigma[1] must be a finite number > 0, was NaN");
        assertThatThrownBy(() -> BucketWeights.solve(new double[] {0.01, 0.01, -0.01, 0.01}, ALL, CAPS, FLOOR))
                .hasMessage("sigma[2] must be a finite number > 0, was -0.01");
        assertThatThrownBy(() -> BucketWeights.solve(new double[] {0.01, 0.01, 0.01}, ALL, CAPS, FLOOR))
                .hasMessage("sigma, active and cap must have the same length, were 3, 4 and 4");
        assertThatThrownBy(() -> BucketWeights.solve(new double[] {0.01, 0.01, 0.01, 0.01}, ALL, CAPS, 0.25))
                .hasMessage("cap[3] 0.2 is below the floor 0.25");
        assertThatThrownBy(() -> BucketWeights.solve(new double[] {0.01}, new boolean[] {true}, new double[] {1.5}, 0.1))
                .hasMessage("cap[0] must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> BucketWeights.solve(new double[] {0.01}, new boolean[] {true}, new double[] {0.5}, Double.NaN))
                .hasMessage("floor must be in [0, 1], was NaN");
    }

    static LongStream seeds() {
        return LongStream.range(0, 600);
    }

    /** A random problem: 1..8 buckets, sigmas over four decades, caps in [floor, 1], some disabled. */
    private record Problem(double[] sigma, boolean[] active, double[] cap, double floor) {
        static Problem random(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 1 + r.nextInt(8);
            double floor = r.nextInt(4) == 0 ? 0.0 : r.nextDouble(0, 1.0 / n);
            double[] sigma = new double[n];
            boolean[] active = new boolean[n];
            double[] cap = new double[n];
            for (int b = 0; b < n; b++) {
                sigma[b] = r.nextInt(5) == 0 && b > 0 ? sigma[b - 1] : Math.pow(10, r.nextDouble(-4, 0));
                active[b] = r.nextInt(5) != 0;
                cap[b] = r.nextInt(6) == 0 ? floor : r.nextDouble(floor, 1.0);
            }
            return new Problem(sigma, active, cap, floor);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void solve_property_weightsWithinFloorAndCap_sumToOneWhenFeasible_inactiveZero(long seed) {
        Problem p = Problem.random(seed);
        double[] w = BucketWeights.solve(p.sigma, p.active, p.cap, p.floor);
        double sum = 0;
        double caps = 0;
        for (int b = 0; b < w.length; b++) {
            if (p.active[b]) {
                assertThat(w[b]).as("bucket %d", b).isBetween(p.floor, p.cap[b]);
                caps += p.cap[b];
            } else {
                assertThat(w[b]).as("inactive bucket %d", b).isEqualTo(0.0);
            }
            sum += w[b];
        }
        assertThat(sum).isLessThanOrEqualTo(1 + 1e-9);
        if (caps >= 1) {
            assertThat(sum).isCloseTo(1.0, within(1e-12));
        } else {
            assertThat(sum).isCloseTo(caps, within(1e-12));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void solve_property_lowerSigmaNeverGetsLowerWeight_unlessHeldAtItsCap(long seed) {
        Problem p = Problem.random(seed);
        double[] w = BucketWeights.solve(p.sigma, p.active, p.cap, p.floor);
        for (int a = 0; a < w.length; a++) {
            for (int b = 0; b < w.length; b++) {
                if (p.active[a] && p.active[b] && p.sigma[a] < p.sigma[b] && w[a] < p.cap[a]) {
                    assertThat(w[a]).as("bucket %d (sigma %s) vs %d (sigma %s)", a, p.sigma[a], b, p.sigma[b])
                            .isGreaterThanOrEqualTo(w[b]);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void lambda_property_isExact_sumOfClippedInverseVolHitsOne(long seed) {
        Problem p = Problem.random(seed);
        double caps = 0;
        int active = 0;
        for (int b = 0; b < p.sigma.length; b++) {
            if (p.active[b]) {
                caps += p.cap[b];
                active++;
            }
        }
        double lambda = BucketWeights.lambda(p.sigma, p.active, p.cap, p.floor);
        if (active == 0) {
            assertThat(lambda).isNaN();
            return;
        }
        if (caps <= 1) {
            assertThat(lambda).isInfinite();
            return;
        }
        double sum = 0;
        for (int b = 0; b < p.sigma.length; b++) {
            if (p.active[b]) {
                sum += Math.max(p.floor, Math.min(lambda / p.sigma[b], p.cap[b]));
            }
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
    }
}
