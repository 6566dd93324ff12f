package com.portfolioorchestrator.core;

import java.util.Locale;
import java.util.Optional;

/**
 * What an entry request opens: a new position ({@code entry}) or more of an existing one ({@code increase}, a DCA /
 * position-adjustment order). An increase adds exposure and risk but never a new position: it does not count against
 * max open trades, the correlation-group limit or the new-position throttle.
 */
public enum EntryKind {
    ENTRY, INCREASE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EntryKind> find(String wireName) {
        for (EntryKind k : values()) {
            if (k.wireName().equals(wireName)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
