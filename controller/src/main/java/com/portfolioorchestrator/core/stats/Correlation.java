package com.portfolioorchestrator.core.stats;

/**
 * Pearson correlation, for the correlation throttle's mean pairwise correlation of strategy PnL (playbook 1.5,
 * PRODUCT.md 5.3). Unknown is NaN, never 0: a flat series has no correlation with anything.
 */
public final class Correlation {
    private Correlation() {}

    /**
     * Pearson correlation of two equal-length series (two-pass, clamped to [-1, 1] against rounding).
     *
     * @return the correlation; NaN when n < 3 or either series has zero variance (all values equal)
     * @throws IllegalArgumentException on a NaN or infinite value or different lengths
     */
    public static double pearson(double[] a, double[] b) {
        Series.finite(a, "a");
        Series.finite(b, "b");
        Series.sameLength(a, "a", b, "b");
        return pearsonUnchecked(a, b);
    }

    /**
     * Mean of the pairwise Pearson correlations over the series that have variance.
     *
     * @param series equal-length series of finite values
     * @return the mean over all pairs of series with variance; NaN when fewer than 2 such series or n < 3
     */
    public static double meanPairwise(double[][] series) {
        if (series == null) {
            throw new IllegalArgumentException("series must not be null");
        }
        for (int i = 0; i < series.length; i++) {
            Series.finite(series[i], "series[" + i + "]");
            Series.sameLength(series[0], "series[0]", series[i], "series[" + i + "]");
        }
        if (series.length < 2 || series[0].length < 3) {
            return Double.NaN;
        }
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < series.length; i++) {
            if (Series.isConstant(series[i], 0, series[i].length)) {
                continue;
            }
            for (int j = i + 1; j < series.length; j++) {
                if (Series.isConstant(series[j], 0, series[j].length)) {
                    continue;
                }
                sum += pearsonUnchecked(series[i], series[j]);
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    private static double pearsonUnchecked(double[] a, double[] b) {
        int n = a.length;
        if (n < 3 || Series.isConstant(a, 0, n) || Series.isConstant(b, 0, n)) {
            return Double.NaN;
        }
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < n; i++) {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= n;
        meanB /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - meanA;
            double db = b[i] - meanB;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        double r = sab / Math.sqrt(saa * sbb);
        return Math.max(-1.0, Math.min(1.0, r));
    }
}
