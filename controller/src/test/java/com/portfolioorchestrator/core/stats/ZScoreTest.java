package com.portfolioorchestrator.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ZScoreTest {

    @Test
    void of_usesSampleStandardDeviationOfTheRange() {
        // 2,4,4,4,5,5,7,9: mean 5, sum of squares 32, sample sd sqrt(32/7)
        double[] history = {100, 2, 4, 4, 4, 5, 5, 7, 9, -100};
        assertThat(ZScore.of(history, 1, 9, 9)).isCloseTo(4 / Math.sqrt(32.0 / 7), within(1e-15));
        assertThat(ZScore.of(history, 1, 9, 5)).isEqualTo(0.0);
        assertThat(ZScore.of(history, 1, 9, 1)).isCloseTo(-4 / Math.sqrt(32.0 / 7), within(1e-15));
    }

    @Test
    void of_whenFewerThanTwoPointsOrZeroVariance_isNaN() {
        assertThat(ZScore.of(new double[] {1, 2, 3}, 1, 2, 5)).isNaN();
        assertThat(ZScore.of(new double[] {1, 2, 3}, 1, 1, 5)).isNaN();
        assertThat(ZScore.of(new double[] {0.1, 0.1, 0.1}, 0, 3, 5)).isNaN();
        assertThat(ZScore.of(new double[] {1, 2}, 0, 2, 2)).isCloseTo(0.5 / Math.sqrt(0.5), within(1e-15));
    }

    @Test
    void of_rejectsBadRangeAndValues() {
        assertThatThrownBy(() -> ZScore.of(new double[] {1, 2}, 0, 3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("[from, to) must lie in [0, 2], was [0, 3)");
        assertThatThrownBy(() -> ZScore.of(new double[] {1, Double.NaN}, 0, 2, 1))
                .hasMessage("history[1] must be a finite number, was NaN");
        assertThatThrownBy(() -> ZScore.of(new double[] {1, 2}, 0, 2, Double.NaN))
                .hasMessage("x must be a finite number, was NaN");
    }
}
