package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.core.Checks;
import java.util.Arrays;

/**
 * An immutable series of doubles, oldest first. Records cannot hold arrays safely, so the view holds these;
 * {@link #values()} returns a copy the caller may keep.
 */
public final class DoubleSeries {
    private static final DoubleSeries EMPTY = new DoubleSeries(new double[0]);
    private final double[] values;

    private DoubleSeries(double[] values) {
        this.values = values;
    }

    /** A copy of {@code values}; NaN marks "cannot be computed" where a producer says so (z-scores), never "unknown money". */
    public static DoubleSeries of(double... values) {
        Checks.notNull(values, "values");
        return values.length == 0 ? EMPTY : new DoubleSeries(values.clone());
    }

    public static DoubleSeries empty() {
        return EMPTY;
    }

    public int length() {
        return values.length;
    }

    public double get(int index) {
        return values[index];
    }

    /** The last element; throws on an empty series. */
    public double last() {
        if (values.length == 0) {
            throw new IllegalStateException("the series is empty");
        }
        return values[values.length - 1];
    }

    /** A copy of the values, oldest first. */
    public double[] values() {
        return values.clone();
    }

    public double sum() {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DoubleSeries other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return values.length <= 8 ? Arrays.toString(values) : "DoubleSeries[" + values.length + " values, last " + last() + "]";
    }
}
