package com.portfolioorchestrator.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class DoubleRingTest {

    @Test
    void add_beyondCapacity_dropsOldest_andCopiesOutOldestFirst() {
        DoubleRing ring = new DoubleRing(3);
        ring.add(1);
        ring.add(2);
        assertThat(ring.toArray()).containsExactly(1, 2);
        ring.add(3);
        ring.add(4);
        ring.add(5);
        assertThat(ring.size()).isEqualTo(3);
        assertThat(ring.isFull()).isTrue();
        assertThat(ring.get(0)).isEqualTo(3);
        assertThat(ring.last()).isEqualTo(5);
        assertThat(ring.toArray()).containsExactly(3, 4, 5);
        double[] target = new double[5];
        assertThat(ring.copyTo(target)).isEqualTo(3);
        assertThat(target).containsExactly(3, 4, 5, 0, 0);
        ring.clear();
        assertThat(ring.toArray()).isEmpty();
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new DoubleRing(0)).hasMessage("capacity must be >= 1, was 0");
        DoubleRing ring = new DoubleRing(2);
        assertThatThrownBy(() -> ring.add(Double.NaN)).hasMessage("value must be a finite number, was NaN");
        assertThatThrownBy(() -> ring.get(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void contents_equalTheLastCapacityValuesAdded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int capacity = 1 + random.nextInt(20);
        DoubleRing ring = new DoubleRing(capacity);
        ArrayDeque<Double> model = new ArrayDeque<>();
        int adds = random.nextInt(100);
        for (int i = 0; i < adds; i++) {
            double v = random.nextDouble();
            ring.add(v);
            model.addLast(v);
            if (model.size() > capacity) {
                model.removeFirst();
            }
        }
        double[] expected = model.stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(ring.toArray()).containsExactly(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(ring.get(i)).isEqualTo(expected[i]);
        }
    }
}
