package com.portfolioorchestrator.core.stats;

/** Input checks shared by the statistics of this package; messages name the argument, the index and the value. */
final class Series {
    private Series() {}

    static double[] finite(double[] values, String name) {
        if (values == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be a finite number, was " + values[i]);
            }
        }
        return values;
    }

    static void sameLength(double[] a, String nameA, double[] b, String nameB) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(nameA + " and " + nameB + " must have the same length, were "
                    + a.length + " and " + b.length);
        }
    }

    /** True when every value of {@code values[from, to)} is the same: zero variance, decided exactly (no rounding). */
    static boolean isConstant(double[] values, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            if (values[i] != values[from]) {
                return false;
            }
        }
        return true;
    }
}
