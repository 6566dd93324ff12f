package com.portfolioorchestrator.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllocationTest {
    private static final Instant AT = Instant.parse("2024-11-14T09:00:00Z");

    @Test
    void equal_beforeAnyData_givesEqualBucketsWithinCaps_andCapsEachStrategy() {
        Allocation a = Allocation.equal(TestPolicies.playbook(), 0.18, AT);
        assertThat(a.bucketWeights()).containsOnlyKeys("hft", "mft", "lft", "event");
        assertThat(a.bucketWeight("hft")).isCloseTo(0.8 / 3, within(1e-15));
        assertThat(a.bucketWeight("lft")).isCloseTo(0.8 / 3, within(1e-15));
        assertThat(a.bucketWeight("event")).isEqualTo(0.20);
        assertThat(a.strategyWeight("S1")).isCloseTo(0.4 / 3, within(1e-15));
        assertThat(a.strategyWeight("S6")).isCloseTo(0.4 / 3, within(1e-15));
        // S7 alone in the event bucket would hold 0.20; the strategy cap 0.18 binds
        assertThat(a.strategyWeight("S7")).isEqualTo(0.18);
        assertThat(a.unallocated()).isCloseTo(0.0, within(1e-15));
        assertThat(a.computedAt()).isEqualTo(AT);
    }

    @Test
    void lookups_ofUnknownNames_areZero() {
        Allocation a = Allocation.equal(TestPolicies.playbook(), 0.18, AT);
        assertThat(a.strategyWeight("S99")).isEqualTo(0.0);
        assertThat(a.bucketWeight("swing")).isEqualTo(0.0);
    }

    @Test
    void constructor_keepsOrder_copies_andRejectsWeightsOutsideZeroOne() {
        Map<String, Double> buckets = new LinkedHashMap<>();
        buckets.put("b", 0.6);
        buckets.put("a", 0.4);
        Allocation a = new Allocation(buckets, Map.of(), AT);
        buckets.put("c", 0.1);
        assertThat(a.bucketWeights().keySet()).containsExactly("b", "a");
        assertThatThrownBy(() -> a.bucketWeights().put("x", 0.1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new Allocation(Map.of("a", 1.5), Map.of(), AT))
                .hasMessage("bucketWeights[a] must be in [0.0, 1.0], was 1.5");
        assertThatThrownBy(() -> new Allocation(Map.of(), Map.of("S1", Double.NaN), AT))
                .hasMessage("strategyWeights[S1] must be a finite number, was NaN");
        assertThatThrownBy(() -> new Allocation(Map.of(), Map.of(), null)).hasMessage("computedAt must not be null");
    }
}
