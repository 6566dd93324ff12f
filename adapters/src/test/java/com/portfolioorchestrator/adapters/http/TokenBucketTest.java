package com.portfolioorchestrator.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    final AtomicLong nanos = new AtomicLong();

    @Test
    void burstIsFree_thenRequestsWaitForTheRefill() {
        TokenBucket bucket = new TokenBucket(2, 10.0, nanos::get);

        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(100));
        assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void tokensComeBackWithTime_upToCapacityOnly() {
        TokenBucket bucket = new TokenBucket(1, 10.0, nanos::get);
        assertThat(bucket.reserve()).isZero();

        nanos.addAndGet(Duration.ofMillis(99).toNanos());
        assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(1));

        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void atMostTenRequestsStartInAnyOneSecondWindow_withTheIbkrDefaults() {
        TokenBucket bucket = new TokenBucket(1, 9.0, nanos::get);
        long[] starts = new long[40];
        for (int i = 0; i < starts.length; i++) {
            Duration wait = bucket.reserve();
            starts[i] = nanos.get() + wait.toNanos();
        }
        for (int i = 0; i + 10 < starts.length; i++) {
            assertThat(starts[i + 10] - starts[i]).isGreaterThan(1_000_000_000L);
        }
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new TokenBucket(0, 1.0, nanos::get)).hasMessageContaining("was 0");
        assertThatThrownBy(() -> new TokenBucket(1, 0.0, nanos::get)).hasMessageContaining("was 0.0");
        assertThatThrownBy(() -> new TokenBucket(1, Double.NaN, nanos::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
