package com.portfolioorchestrator.adapters.ibkr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.portfolioorchestrator.adapters.ibkr.IbkrPosition.MultiplierSource;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PositionNormalizerTest {

    private static PositionRow row(String assetClass, double position, double mktPrice, double mktValue, Double avgCost,
                                   Double avgPrice, Double unrealizedPnl, Double multiplier) {
        return new PositionRow("U1", 1L, "X", "X", assetClass, "GBP", "LSE", position, mktPrice, mktValue, avgCost,
                avgPrice, 0.0, unrealizedPnl, multiplier, null, null, 0.0, 0L);
    }

    @ParameterizedTest(name = "computed/reference = {0} -> minor unit {1}")
    @CsvSource({"96.9, false", "97.0, true", "100.0, true", "103.0, true", "103.1, false", "1.0, false", "1000.0, false"})
    void isMinorUnit_atTheBoundsOfTheRatioWindow(double ratio, boolean minor) {
        assertThat(PositionNormalizer.isMinorUnit(ratio * 725.0, 725.0)).isEqualTo(minor);
        assertThat(PositionNormalizer.isMinorUnit(-ratio * 725.0, 725.0)).isEqualTo(minor);
    }

    @Test
    void isMinorUnit_neverForZeroValues() {
        assertThat(PositionNormalizer.isMinorUnit(0.0, 725.0)).isFalse();
        assertThat(PositionNormalizer.isMinorUnit(72500.0, 0.0)).isFalse();
    }

    @Test
    void pencePrice_isConverted_whileMajorUnitCostIsKept() {
        IbkrPosition vod = PositionNormalizer.normalize(row("STK", 1000, 72.5, 725.0, 0.74, 0.74, -15.0, 0.0),
                OptionalDouble.empty());

        assertThat(vod.marketPrice()).isCloseTo(0.725, within(1e-12));
        assertThat(vod.averageCostPerUnit().getAsDouble()).isEqualTo(0.74);
        assertThat(vod.minorUnitCorrected()).isTrue();
    }

    @Test
    void penceCost_isConverted_againstTheCostBasis() {
        IbkrPosition vod = PositionNormalizer.normalize(row("STK", 1000, 72.5, 725.0, 74.0, 74.0, -15.0, null),
                OptionalDouble.empty());

        assertThat(vod.averageCostPerUnit().getAsDouble()).isCloseTo(0.74, within(1e-12));
        assertThat(vod.averagePrice().getAsDouble()).isCloseTo(0.74, within(1e-12));
    }

    @Test
    void shortPosition_inPence_isDetectedToo() {
        IbkrPosition shortVod = PositionNormalizer.normalize(row("STK", -1000, 72.5, -725.0, 0.74, 0.74, 15.0, 0.0),
                OptionalDouble.empty());

        assertThat(shortVod.marketPrice()).isCloseTo(0.725, within(1e-12));
    }

    @Test
    void future_avgCostIsDividedByTheReportedMultiplier() {
        IbkrPosition es = PositionNormalizer.normalize(row("FUT", 2, 6981.25, 698125.0, 348114.52, 6962.2904, 1895.96, 50.0),
                OptionalDouble.of(999.0));

        assertThat(es.multiplierSource()).isEqualTo(MultiplierSource.REPORTED);
        assertThat(es.averageCostPerUnit().getAsDouble()).isCloseTo(6962.2904, within(1e-9));
        assertThat(es.minorUnitCorrected()).isFalse();
    }

    @Test
    void future_withoutAnyMultiplierSource_isUnknown_butKeepsMarketValue() {
        IbkrPosition lean = PositionNormalizer.normalize(row("FUT", 2, 21770.4, 87081.72, null, null, null, null),
                OptionalDouble.empty());

        assertThat(lean.multiplierSource()).isEqualTo(MultiplierSource.UNKNOWN);
        assertThat(lean.multiplier()).isEmpty();
        assertThat(lean.averageCostPerUnit()).isEmpty();
        assertThat(lean.marketValue()).isEqualTo(87081.72);
    }

    @Test
    void rowWithoutMarketValue_isRejected() {
        PositionRow broken = new PositionRow("U1", 1L, "X", "X", "STK", "USD", null, 1.0, 1.0, null, null, null, null,
                null, null, null, null, null, null);

        assertThatThrownBy(() -> PositionNormalizer.normalize(broken, OptionalDouble.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mktValue");
    }
}
