package com.portfolioorchestrator.core;

import java.util.Locale;
import java.util.Optional;

/** Direction of a position or entry request ({@code long} | {@code short} on the wire). */
public enum Side {
    LONG, SHORT;

    /** The wire form, {@code long} or {@code short}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Side> find(String wireName) {
        for (Side s : values()) {
            if (s.wireName().equals(wireName)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
