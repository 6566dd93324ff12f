package com.portfolioorchestrator.core;

import java.util.Locale;
import java.util.Optional;

/** Order type of an entry ({@code limit} | {@code market}); the limit timeout of the bucket applies to limit orders. */
public enum OrderType {
    LIMIT, MARKET;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OrderType> find(String wireName) {
        for (OrderType t : values()) {
            if (t.wireName().equals(wireName)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
