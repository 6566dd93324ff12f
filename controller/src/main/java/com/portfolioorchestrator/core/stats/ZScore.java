package com.portfolioorchestrator.core.stats;

/** Standard score of a value against a window of history (playbook 2.4 volatility z-score). */
public final class ZScore {
    private ZScore() {}

    /**
     * {@code (x - mean) / sd} over {@code history[from, to)}, with the sample standard deviation (n - 1, as pandas'
     * rolling std).
     *
     * @return the z-score; NaN when the window has fewer than 2 points or all its values are equal (sd == 0)
     * @throws IllegalArgumentException when the range is outside the array, or x or a value in the range is not finite
     */
    public static double of(double[] history, int from, int to, double x) {
        if (history == null) {
            throw new IllegalArgumentException("history must not be null");
        }
        if (from < 0 || to < from || to > history.length) {
            throw new IllegalArgumentException("[from, to) must lie in [0, " + history.length + "], was ["
                    + from + ", " + to + ")");
        }
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("x must be a finite number, was " + x);
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(history[i])) {
                throw new IllegalArgumentException("history[" + i + "] must be a finite number, was " + history[i]);
            }
            sum += history[i];
        }
        int n = to - from;
        if (n < 2 || Series.isConstant(history, from, to)) {
            return Double.NaN;
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = from; i < to; i++) {
            double d = history[i] - mean;
            squares += d * d;
        }
        return (x - mean) / Math.sqrt(squares / (n - 1));
    }
}
