package com.portfolioorchestrator.core.stats;

/**
 * Fixed-capacity ring buffer of finite doubles, allocated once: adding to a full ring drops the oldest value. For
 * hourly ATR % and other rolling series on the risk cycle [Disruptor-style preallocation]. Not thread-safe: one writer.
 */
public final class DoubleRing {
    private final double[] values;
    private int start;
    private int size;

    /** @param capacity number of values kept, >= 1 */
    public DoubleRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        values = new double[capacity];
    }

    /** Appends a value, dropping the oldest when full. */
    public void add(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be a finite number, was " + value);
        }
        if (size < values.length) {
            values[(start + size) % values.length] = value;
            size++;
        } else {
            values[start] = value;
            start = (start + 1) % values.length;
        }
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return values.length;
    }

    public boolean isFull() {
        return size == values.length;
    }

    /** @param i 0 = oldest, {@code size() - 1} = newest */
    public double get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("i must be in [0, " + size + "), was " + i);
        }
        return values[(start + i) % values.length];
    }

    /** The newest value. */
    public double last() {
        return get(size - 1);
    }

    /** Removes every value (the capacity stays allocated). */
    public void clear() {
        start = 0;
        size = 0;
    }

    /** A new array of the values, oldest first. */
    public double[] toArray() {
        double[] out = new double[size];
        copyTo(out);
        return out;
    }

    /**
     * Copies the values oldest first into {@code target} without allocating.
     *
     * @return the number of values copied ({@code size()})
     */
    public int copyTo(double[] target) {
        if (target.length < size) {
            throw new IllegalArgumentException("target must hold " + size + " values, had length " + target.length);
        }
        int firstPart = Math.min(size, values.length - start);
        System.arraycopy(values, start, target, 0, firstPart);
        System.arraycopy(values, 0, target, firstPart, size - firstPart);
        return size;
    }
}
