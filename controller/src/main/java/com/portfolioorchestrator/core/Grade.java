package com.portfolioorchestrator.core;

import java.util.Optional;

/**
 * FLOF confluence grade of a signal (engineering spec 8.1): A+ (12-14 points), A (11), B (9-10), C (below 9).
 * Logged with the decision; the M16 group rule never lets a higher grade pre-empt an open position (seed M16 3.2).
 */
public enum Grade {
    A_PLUS("A+"), A("A"), B("B"), C("C");

    private final String wireName;

    Grade(String wireName) {
        this.wireName = wireName;
    }

    /** The wire form: {@code A+}, {@code A}, {@code B} or {@code C}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<Grade> find(String wireName) {
        for (Grade g : values()) {
            if (g.wireName.equals(wireName)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
