package com.portfolioorchestrator.core;

import java.util.Objects;

/**
 * Preconditions that return the value they check, with the field name and the bad value in the message
 * (after Strata's {@code ArgChecker}). Used by every compact constructor of the core.
 */
public final class Checks {
    private Checks() {}

    public static double finite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, was " + value);
        }
        return value;
    }

    public static double positive(double value, String field) {
        if (!(finite(value, field) > 0)) {
            throw new IllegalArgumentException(field + " must be > 0, was " + value);
        }
        return value;
    }

    public static double nonNegative(double value, String field) {
        if (!(finite(value, field) >= 0)) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    /** A fraction in [0, 1]. */
    public static double fraction(double value, String field) {
        return inRange(value, 0.0, 1.0, field);
    }

    public static double inRange(double value, double min, double max, String field) {
        if (!(finite(value, field) >= min && value <= max)) {
            throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    public static int positive(int value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, was " + value);
        }
        return value;
    }

    public static int nonNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    public static <T> T notNull(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " must not be null");
    }

    public static String notBlank(String value, String field) {
        if (notNull(value, field).isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, was '" + value + "'");
        }
        return value;
    }
}
