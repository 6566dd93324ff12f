package com.portfolioorchestrator.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.portfolioorchestrator.core.policy.BucketPolicy;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllocationCalculatorTest {
    private static final Instant AT = Instant.parse("2024-11-14T09:00:00Z");
    private static final RiskPolicy POLICY = TestPolicies.playbook();
    private static final double EXACT = 1e-14;

    /** 30 daily returns with an EWMA sigma of about 4 %, far above the vol floor even when scaled by 0.25. */
    private static double[] base() {
        double[] r = new double[30];
        for (int i = 0; i < r.length; i++) {
            r[i] = (i % 2 == 0 ? 0.04 : -0.035) + 0.001 * (i % 5);
        }
        return r;
    }

    /** Scaling by a power of two scales the EWMA sigma exactly. */
    private static double[] scaled(double factor) {
        double[] r = base();
        for (int i = 0; i < r.length; i++) {
            r[i] *= factor;
        }
        return r;
    }

    private static Allocation compute(Map<String, double[]> buckets, Map<String, double[]> strategies,
            Map<String, Integer> trades, Set<String> disabled) {
        return AllocationCalculator.compute(POLICY, buckets, strategies, trades, disabled, 0.18, AT);
    }

    @Test
    void compute_withoutAnyData_equalsTheEqualAllocation() {
        Allocation a = compute(Map.of(), Map.of(), Map.of(), Set.of());
        Allocation equal = Allocation.equal(POLICY, 0.18, AT);
        assertThat(a.bucketWeights()).isEqualTo(equal.bucketWeights());
        assertThat(a.strategyWeights()).isEqualTo(equal.strategyWeights());
    }

    @Test
    void compute_weightsBucketsByInverseEwmaVol_withCapsAndFloor() {
        // sigma ratio hft : mft : lft : event = 0.25 : 1 : 1 : 2 -> inverse 4 : 1 : 1 : 0.5
        // hft capped at 0.40; lambda (1 + 1 + 0.5) / s = 0.60 -> mft 0.24, lft 0.24, event 0.12
        Allocation a = compute(Map.of("hft", scaled(0.25), "mft", base(), "lft", base(), "event", scaled(2)),
                Map.of(), Map.of(), Set.of());
        assertThat(a.bucketWeight("hft")).isCloseTo(0.40, within(EXACT));
        assertThat(a.bucketWeight("mft")).isCloseTo(0.24, within(EXACT));
        assertThat(a.bucketWeight("lft")).isCloseTo(0.24, within(EXACT));
        assertThat(a.bucketWeight("event")).isCloseTo(0.12, within(EXACT));
        // fewer than 100 trades everywhere: equal split inside buckets, strategy cap 0.18 binds on S1, S2
        assertThat(a.strategyWeight("S1")).isEqualTo(0.18);
        assertThat(a.strategyWeight("S3")).isCloseTo(0.12, within(EXACT));
        assertThat(a.strategyWeight("S7")).isCloseTo(0.12, within(EXACT));
    }

    @Test
    void compute_whenABucketSeriesIsMissing_usesTheMeanOfTheKnownSigmas() {
        // event unknown -> 0.75 s (mean of 0.25 s, s, s): inverse 4 : 1 : 1 : 4/3 -> hft cap 0.40, event cap 0.20,
        // mft and lft share 0.40
        Map<String, double[]> buckets = new HashMap<>(Map.of("hft", scaled(0.25), "mft", base(), "lft", base()));
        buckets.put("event", new double[] {0.01});
        Allocation a = compute(buckets, Map.of(), Map.of(), Set.of());
        assertThat(a.bucketWeight("hft")).isCloseTo(0.40, within(EXACT));
        assertThat(a.bucketWeight("mft")).isCloseTo(0.20, within(EXACT));
        assertThat(a.bucketWeight("lft")).isCloseTo(0.20, within(EXACT));
        assertThat(a.bucketWeight("event")).isCloseTo(0.20, within(EXACT));
    }

    @Test
    void compute_whenABucketIsDisabled_itAndItsStrategiesGetZero_othersReSolved() {
        Allocation a = compute(Map.of("hft", scaled(0.25), "mft", base(), "lft", base(), "event", scaled(2)),
                Map.of(), Map.of(), Set.of("event"));
        assertThat(a.bucketWeight("event")).isEqualTo(0.0);
        assertThat(a.strategyWeight("S7")).isEqualTo(0.0);
        assertThat(a.bucketWeight("hft")).isCloseTo(0.40, within(EXACT));
        assertThat(a.bucketWeight("mft")).isCloseTo(0.30, within(EXACT));
        assertThat(a.bucketWeight("lft")).isCloseTo(0.30, within(EXACT));
    }

    @Test
    void compute_insideABucket_inverseVolAt100Trades_equalSplitAt99() {
        Map<String, double[]> buckets = Map.of("hft", base(), "mft", base(), "lft", base(), "event", base());
        // lft (cap 0.45) holds 0.8 / 3; S5 : S6 sigma 1 : 2 -> 2/3 : 1/3 of the bucket
        Map<String, double[]> strategies = Map.of("S5", scaled(0.5), "S6", base());
        double lft = 0.8 / 3;
        Allocation at100 = compute(buckets, strategies, Map.of("S5", 100, "S6", 100), Set.of());
        assertThat(at100.strategyWeight("S5")).isCloseTo(lft * 2 / 3, within(EXACT));
        assertThat(at100.strategyWeight("S6")).isCloseTo(lft / 3, within(EXACT));
        Allocation at99 = compute(buckets, strategies, Map.of("S5", 100, "S6", 99), Set.of());
        assertThat(at99.strategyWeight("S5")).isCloseTo(lft / 2, within(EXACT));
        assertThat(at99.strategyWeight("S6")).isCloseTo(lft / 2, within(EXACT));
    }

    @Test
    void compute_whenAStrategySeriesIsMissing_usesTheMeanOfItsSiblings() {
        RiskPolicy threeInOne = TestPolicies.withBuckets(List.of(
                new BucketPolicy("all", List.of("A", "B", "C"), 1.0, 90, 8, 10)), 0.10);
        // A sigma s/2, B sigma s, C unknown -> 0.75 s: inverse 2 : 1 : 4/3 = 6 : 3 : 4 (of 13)
        Allocation a = AllocationCalculator.compute(threeInOne, Map.of(), Map.of("A", scaled(0.5), "B", base()),
                Map.of("A", 200, "B", 200, "C", 200), Set.of(), 1.0, AT);
        assertThat(a.strategyWeight("A")).isCloseTo(6.0 / 13, within(EXACT));
        assertThat(a.strategyWeight("B")).isCloseTo(3.0 / 13, within(EXACT));
        assertThat(a.strategyWeight("C")).isCloseTo(4.0 / 13, within(EXACT));
    }

    @Test
    void compute_whenAReturnIsNaN_throwsNamingTheSeries() {
        double[] bad = base();
        bad[3] = Double.NaN;
        assertThatThrownBy(() -> compute(Map.of("mft", bad), Map.of(), Map.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bucketDailyReturns[mft]: dailyReturnsOldestFirst[3] must be a finite number, was NaN");
        assertThatThrownBy(() -> compute(Map.of(), Map.of("S4", bad), Map.of(), Set.of()))
                .hasMessageStartingWith("strategyDailyReturns[S4]: ");
    }

    @Test
    void compute_whenAStrategyIsInTwoBuckets_throws() {
        RiskPolicy twice = TestPolicies.withBuckets(List.of(
                new BucketPolicy("a", List.of("S1"), 0.6, 90, 8, 10),
                new BucketPolicy("b", List.of("S1"), 0.6, 90, 8, 10)), 0.10);
        assertThatThrownBy(() -> AllocationCalculator.compute(twice, Map.of(), Map.of(), Map.of(), Set.of(), 0.18, AT))
                .hasMessage("strategy S1 belongs to more than one bucket");
    }
}
