package com.portfolioorchestrator.adapters.http;

import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * The one shared {@link OkHttpClient} of the process and the per-source clients derived from it.
 *
 * <p>Derived clients ({@link OkHttpClient#newBuilder()}) share the connection pool and dispatcher threads of the
 * shared one, which is why there is exactly one, built in the composition root and passed in.
 */
public final class HttpClients {
    /** Freqtrade and IBKR defaults (issue 5): connect 2 s, read 5 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

    private HttpClients() {
    }

    /** Builds the shared client (call once per process). */
    public static OkHttpClient newShared() {
        return new OkHttpClient.Builder()
                .connectTimeout(DEFAULT_CONNECT_TIMEOUT)
                .readTimeout(DEFAULT_READ_TIMEOUT)
                .writeTimeout(DEFAULT_READ_TIMEOUT)
                .build();
    }

    /** A client sharing {@code shared}'s pool and threads, with its own timeouts. */
    public static OkHttpClient derive(OkHttpClient shared, Duration connectTimeout, Duration readTimeout) {
        Objects.requireNonNull(shared, "shared");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        return shared.newBuilder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .build();
    }

    static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }
}
