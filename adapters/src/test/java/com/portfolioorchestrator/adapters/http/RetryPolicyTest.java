package com.portfolioorchestrator.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Clock;
import java.util.Optional;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    final RetryPolicy policy = RetryPolicy.defaults();

    @Test
    void delays_doubleFromTheBase_upToTheCap() {
        RetryPolicy many = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofMillis(1000));

        assertThat(many.delayBeforeRetry(1, Optional.empty())).hasValue(Duration.ofMillis(200));
        assertThat(many.delayBeforeRetry(2, Optional.empty())).hasValue(Duration.ofMillis(400));
        assertThat(many.delayBeforeRetry(3, Optional.empty())).hasValue(Duration.ofMillis(800));
        assertThat(many.delayBeforeRetry(4, Optional.empty())).hasValue(Duration.ofMillis(1000));
    }

    @Test
    void serverDelay_isHonouredUpToMaxDelay_andBeyondItWeGiveUp() {
        assertThat(policy.delayBeforeRetry(1, Optional.of(Duration.ofSeconds(5)))).hasValue(Duration.ofSeconds(5));
        assertThat(policy.delayBeforeRetry(1, Optional.of(Duration.ofMillis(5001)))).isEmpty();
        assertThat(policy.delayBeforeRetry(1, Optional.of(Duration.ZERO))).hasValue(Duration.ZERO);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO)).hasMessageContaining("was -1");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.delayBeforeRetry(0, Optional.empty())).hasMessageContaining("was 0");
    }

    @Test
    void retryAfterHeader_readsSecondsAndHttpDates() {
        Clock clock = Clock.fixed(Instant.parse("2024-11-14T09:41:27Z"), ZoneOffset.UTC);

        assertThat(response("7").retryAfter(clock)).hasValue(Duration.ofSeconds(7));
        assertThat(response("Thu, 14 Nov 2024 09:41:57 GMT").retryAfter(clock)).hasValue(Duration.ofSeconds(30));
        assertThat(response("Thu, 14 Nov 2024 09:00:00 GMT").retryAfter(clock)).hasValue(Duration.ZERO);
        assertThat(response("soon").retryAfter(clock)).isEmpty();
        assertThat(new RawResponse(429, "", Headers.of()).retryAfter(clock)).isEmpty();
    }

    private static RawResponse response(String retryAfter) {
        return new RawResponse(429, "", Headers.of("Retry-After", retryAfter));
    }
}
