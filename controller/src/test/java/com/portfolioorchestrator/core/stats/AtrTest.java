package com.portfolioorchestrator.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AtrTest {
    private static final double[] HIGH = {10, 11, 12.4, 11.5, 13, 12, 12.2};
    private static final double[] LOW = {9, 10, 10.5, 10.6, 11.5, 11, 11.8};
    private static final double[] CLOSE = {9.5, 10.8, 12, 10.7, 12.5, 11.5, 12};

    @Test
    void percentSeries_followsWilderSmoothing_handComputed() {
        // TR_1 = max(1.0, |11-9.5|, |10-9.5|)   = 1.5
        // TR_2 = max(1.9, |12.4-10.8|, |10.5-10.8|) = 1.9
        // TR_3 = max(0.9, |11.5-12|, |10.6-12|)  = 1.4   -> ATR_3 = (1.5+1.9+1.4)/3 = 1.6       -> 1.6/10.7
        // TR_4 = max(1.5, |13-10.7|, |11.5-10.7|) = 2.3  -> ATR_4 = (1.6*2+2.3)/3 = 1.833333    -> /12.5
        // TR_5 = max(1.0, |12-12.5|, |11-12.5|)  = 1.5   -> ATR_5 = (1.833333*2+1.5)/3 = 1.722222 -> /11.5
        // TR_6 = max(0.4, |12.2-11.5|, |11.8-11.5|) = 0.7 -> ATR_6 = (1.722222*2+0.7)/3 = 1.381481 -> /12
        double[] atr = Atr.percentSeries(HIGH, LOW, CLOSE, 3);
        assertThat(atr).hasSize(4);
        assertThat(atr[0]).isCloseTo(100 * 1.6 / 10.7, within(1e-12));
        assertThat(atr[1]).isCloseTo(100 * (5.5 / 3) / 12.5, within(1e-12));
        assertThat(atr[2]).isCloseTo(100 * (15.5 / 9) / 11.5, within(1e-12));
        assertThat(atr[3]).isCloseTo(100 * (37.3 / 27) / 12, within(1e-12));
    }

    @Test
    void percentSeries_whenNoMoreCandlesThanPeriod_isEmpty() {
        assertThat(Atr.percentSeries(new double[] {2, 2, 2}, new double[] {1, 1, 1}, new double[] {1.5, 1.5, 1.5}, 3)).isEmpty();
        assertThat(Atr.percentSeries(new double[] {2, 2, 2, 2}, new double[] {1, 1, 1, 1}, new double[] {1.5, 1.5, 1.5, 1.5}, 3))
                .containsExactly(100 * 1.0 / 1.5);
    }

    @Test
    void percentSeries_rejectsBadCandles() {
        assertThatThrownBy(() -> Atr.percentSeries(new double[] {2, 2}, new double[] {1, 1}, new double[] {1.5, 0}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("close[1] must be > 0, was 0.0");
        assertThatThrownBy(() -> Atr.percentSeries(new double[] {2, 0.5}, new double[] {1, 1}, new double[] {1.5, 1}, 1))
                .hasMessage("high[1] must be >= low[1], were 0.5 and 1.0");
        assertThatThrownBy(() -> Atr.percentSeries(new double[] {2, Double.NaN}, new double[] {1, 1}, new double[] {1.5, 1}, 1))
                .hasMessage("high[1] must be a finite number, was NaN");
        assertThatThrownBy(() -> Atr.percentSeries(new double[] {2, 2}, new double[] {1}, new double[] {1.5, 1}, 1))
                .hasMessage("high and low must have the same length, were 2 and 1");
        assertThatThrownBy(() -> Atr.percentSeries(new double[] {2, 2}, new double[] {1, 1}, new double[] {1.5, 1}, 0))
                .hasMessage("period must be >= 1, was 0");
    }
}
