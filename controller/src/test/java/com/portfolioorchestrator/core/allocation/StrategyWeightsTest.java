package com.portfolioorchestrator.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Playbook 1.3: inverse strategy volatility, equal split under 100 closed trades. */
class StrategyWeightsTest {

    @Test
    void withinBucket_whenAnyStrategyHas99Trades_splitsEqually() {
        assertThat(StrategyWeights.withinBucket(new double[] {0.01, 0.03}, new int[] {500, 99}, 100))
                .containsExactly(0.5, 0.5);
        assertThat(StrategyWeights.withinBucket(new double[] {0.01, 0.03, 0.02}, new int[] {0, 400, 400}, 100))
                .containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3);
    }

    @Test
    void withinBucket_whenEveryStrategyHasAtLeast100Trades_usesInverseVol() {
        // 1/0.01 : 1/0.03 = 100 : 33.3 -> 0.75 : 0.25
        assertThat(StrategyWeights.withinBucket(new double[] {0.01, 0.03}, new int[] {100, 100}, 100))
                .containsExactly(new double[] {0.75, 0.25}, within(1e-15));
        assertThat(StrategyWeights.withinBucket(new double[] {0.01, 0.03}, new int[] {101, 5000}, 100))
                .containsExactly(new double[] {0.75, 0.25}, within(1e-15));
    }

    @Test
    void withinBucket_singleStrategy_getsEverything_emptyBucket_getsNothing() {
        assertThat(StrategyWeights.withinBucket(new double[] {0.05}, new int[] {3}, 100)).containsExactly(1.0);
        assertThat(StrategyWeights.withinBucket(new double[0], new int[0], 100)).isEmpty();
    }

    @Test
    void withinBucket_rejectsBadInput() {
        assertThatThrownBy(() -> StrategyWeights.withinBucket(new double[] {0.01, 0}, new int[] {1, 1}, 100))
                .hasMessage("sigma[1] must be a finite number > 0, was 0.0");
        assertThatThrownBy(() -> StrategyWeights.withinBucket(new double[] {0.01}, new int[] {1, 1}, 100))
                .hasMessage("sigma and closedTrades must have the same length, were 1 and 2");
        assertThatThrownBy(() -> StrategyWeights.withinBucket(new double[] {0.01}, new int[] {-1}, 100))
                .hasMessage("closedTrades[0] must be >= 0, was -1");
    }

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void withinBucket_property_sumsToOne_andLowerSigmaNeverGetsLess(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1 + r.nextInt(6);
        double[] sigma = new double[n];
        int[] trades = new int[n];
        for (int s = 0; s < n; s++) {
            sigma[s] = Math.pow(10, r.nextDouble(-4, 0));
            trades[s] = r.nextInt(4) == 0 ? r.nextInt(100) : 100 + r.nextInt(1000);
        }
        double[] w = StrategyWeights.withinBucket(sigma, trades, 100);
        double sum = 0;
        for (int s = 0; s < n; s++) {
            sum += w[s];
            for (int t = 0; t < n; t++) {
                if (sigma[s] < sigma[t]) {
                    assertThat(w[s]).isGreaterThanOrEqualTo(w[t]);
                }
            }
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
    }
}
