package com.portfolioorchestrator.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EwmaTest {

    @Test
    void volatility_ofThreeReturnsSpanThree_matchesHandComputation() {
        // span 3 -> alpha 0.5; weights oldest first 0.25, 0.5, 1 (sum 1.75, sum of squares 1.3125)
        // weighted mean 0.0225 / 1.75; biased variance 0.00083571 / 1.75; unbiased factor 1.75^2 / (1.75^2 - 1.3125) = 1.75
        // variance = 117 / 140000 exactly
        double sigma = Ewma.volatility(new double[] {0.01, -0.02, 0.03}, 3, 0.0);
        assertThat(sigma).isCloseTo(Math.sqrt(117.0 / 140000.0), within(1e-15));
    }

    @Test
    void volatility_whenSpanChanges_weightsRecentReturnsDifferently() {
        double[] returns = {0.01, -0.02, 0.03, 0.0, 0.01};
        // exact values from the same formula in rational arithmetic: 633/3100000 (span 3), 183620271/586189820000 (span 20)
        assertThat(Ewma.volatility(returns, 3, 0.0)).isCloseTo(Math.sqrt(633.0 / 3100000.0), within(1e-15));
        assertThat(Ewma.volatility(returns, 20, 0.0)).isCloseTo(Math.sqrt(183620271.0 / 586189820000.0), within(1e-15));
    }

    @Test
    void volatility_whenSeriesIsFlat_returnsFloor() {
        assertThat(Ewma.volatility(new double[] {0.001, 0.001, 0.001, 0.001}, 20, 0.004)).isEqualTo(0.004);
        assertThat(Ewma.volatility(new double[] {0.1, 0.1}, 20, 0.0)).isEqualTo(0.0);
    }

    @Test
    void volatility_whenBelowFloor_returnsFloor_andAboveFloor_returnsEstimate() {
        double[] returns = {0.01, -0.02, 0.03};
        double sigma = Math.sqrt(117.0 / 140000.0);
        assertThat(Ewma.volatility(returns, 3, 0.03)).isEqualTo(0.03);
        assertThat(Ewma.volatility(returns, 3, 0.028)).isCloseTo(sigma, within(1e-15));
    }

    @Test
    void volatility_rejectsBadInput_namingArgumentAndValue() {
        assertThatThrownBy(() -> Ewma.volatility(new double[] {0.01, Double.NaN}, 20, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("dailyReturnsOldestFirst[1] must be a finite number, was NaN");
        assertThatThrownBy(() -> Ewma.volatility(new double[] {0.01}, 20, 0))
                .hasMessage("dailyReturnsOldestFirst must have at least 2 returns, had 1");
        assertThatThrownBy(() -> Ewma.volatility(new double[] {0.01, 0.02}, 1, 0))
                .hasMessage("spanDays must be >= 2, was 1");
        assertThatThrownBy(() -> Ewma.volatility(new double[] {0.01, 0.02}, 20, -0.1))
                .hasMessage("floor must be a finite number >= 0, was -0.1");
    }
}
