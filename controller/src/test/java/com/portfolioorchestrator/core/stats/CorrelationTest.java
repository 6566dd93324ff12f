package com.portfolioorchestrator.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CorrelationTest {

    @Test
    void pearson_ofLinearlyRelatedSeries_isOne_andOfMirroredSeries_isMinusOne() {
        double[] x = {1, 2, 3, 4, 5};
        assertThat(Correlation.pearson(x, new double[] {3, 5, 7, 9, 11})).isEqualTo(1.0);
        assertThat(Correlation.pearson(x, new double[] {10, 8, 6, 4, 2})).isEqualTo(-1.0);
    }

    @Test
    void pearson_ofTextbookPairs_matchesKnownValues() {
        // Anscombe's quartet, set I: r = 0.81642
        double[] x = {10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5};
        double[] y = {8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68};
        assertThat(Correlation.pearson(x, y)).isCloseTo(0.81642, within(1e-5));
        // x = 1..5, y = 2,4,5,4,5: cov sum 6, sxx 10, syy 6 -> r = 6 / sqrt(60)
        assertThat(Correlation.pearson(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 5, 4, 5}))
                .isCloseTo(6 / Math.sqrt(60), within(1e-15));
        // orthogonal: x = -1,0,1 and y = 1,-2,1 -> r = 0
        assertThat(Correlation.pearson(new double[] {-1, 0, 1}, new double[] {1, -2, 1})).isEqualTo(0.0);
    }

    @Test
    void pearson_whenZeroVarianceOrTooShort_isNaN() {
        assertThat(Correlation.pearson(new double[] {1, 1, 1, 1}, new double[] {1, 2, 3, 4})).isNaN();
        assertThat(Correlation.pearson(new double[] {1, 2, 3, 4}, new double[] {0.1, 0.1, 0.1, 0.1})).isNaN();
        assertThat(Correlation.pearson(new double[] {1, 2}, new double[] {2, 4})).isNaN();
        assertThat(Correlation.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 7})).isNotNaN();
    }

    @Test
    void pearson_rejectsNaNAndLengthMismatch() {
        assertThatThrownBy(() -> Correlation.pearson(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("b[1] must be a finite number, was NaN");
        assertThatThrownBy(() -> Correlation.pearson(new double[] {1, 2, 3}, new double[] {1, 2}))
                .hasMessage("a and b must have the same length, were 3 and 2");
    }

    @Test
    void meanPairwise_averagesPairsOfSeriesWithVariance_skippingFlatOnes() {
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {2, 4, 6, 8, 10};
        double[] c = {5, 4, 3, 2, 1};
        double[] flat = {7, 7, 7, 7, 7};
        // pairs: (a,b) = 1, (a,c) = -1, (b,c) = -1 -> -1/3
        assertThat(Correlation.meanPairwise(new double[][] {a, flat, b, c})).isCloseTo(-1.0 / 3, within(1e-15));
        assertThat(Correlation.meanPairwise(new double[][] {a, b})).isEqualTo(1.0);
    }

    @Test
    void meanPairwise_whenFewerThanTwoSeriesHaveVariance_isNaN() {
        double[] flat = {7, 7, 7, 7};
        assertThat(Correlation.meanPairwise(new double[][] {{1, 2, 3, 4}, flat})).isNaN();
        assertThat(Correlation.meanPairwise(new double[][] {{1, 2, 3, 4}})).isNaN();
        assertThat(Correlation.meanPairwise(new double[0][])).isNaN();
        assertThat(Correlation.meanPairwise(new double[][] {{1, 2}, {2, 1}})).isNaN();
    }

    @Test
    void meanPairwise_rejectsSeriesOfDifferentLengths() {
        assertThatThrownBy(() -> Correlation.meanPairwise(new double[][] {{1, 2, 3}, {1, 2, 3, 4}}))
                .hasMessage("series[0] and series[1] must have the same length, were 3 and 4");
    }
}
