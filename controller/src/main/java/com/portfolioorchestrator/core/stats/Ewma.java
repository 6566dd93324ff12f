package com.portfolioorchestrator.core.stats;

/**
 * Exponentially weighted volatility of daily returns (playbook 1.2 "20d EWMA"; abstractfinance Phase 6 vol floor).
 *
 * <p>Same estimator as pandas {@code returns.ewm(span=N).std()} (adjust=True, bias=False), which is what the seeds
 * use: weights {@code w_i = (1 - alpha)^(n-1-i)} with {@code alpha = 2 / (N + 1)} (the newest return has weight 1),
 * weighted mean, weighted variance with the unbiased correction {@code (sum w)^2 / ((sum w)^2 - sum w^2)}. The
 * result is in the unit of the returns (a daily fraction, not annualised) and never below {@code floor}, so a flat
 * series cannot give sigma 0 and an infinite inverse-vol weight.
 */
public final class Ewma {
    private Ewma() {}

    /**
     * @param dailyReturnsOldestFirst at least 2 finite daily returns (fractions), oldest first
     * @param spanDays                span N >= 2 (span 1 puts all weight on one return: its variance is undefined)
     * @param floor                   lowest result, finite and >= 0, in the unit of the returns
     * @return the EWMA standard deviation, at least {@code floor}
     */
    public static double volatility(double[] dailyReturnsOldestFirst, int spanDays, double floor) {
        double[] r = Series.finite(dailyReturnsOldestFirst, "dailyReturnsOldestFirst");
        if (r.length < 2) {
            throw new IllegalArgumentException("dailyReturnsOldestFirst must have at least 2 returns, had " + r.length);
        }
        if (spanDays < 2) {
            throw new IllegalArgumentException("spanDays must be >= 2, was " + spanDays);
        }
        if (!(Double.isFinite(floor) && floor >= 0)) {
            throw new IllegalArgumentException("floor must be a finite number >= 0, was " + floor);
        }
        double decay = 1.0 - 2.0 / (spanDays + 1.0);
        double w = 1.0;
        double sumW = 0;
        double sumW2 = 0;
        double sumWx = 0;
        for (int i = r.length - 1; i >= 0; i--) {
            sumW += w;
            sumW2 += w * w;
            sumWx += w * r[i];
            w *= decay;
        }
        double mean = sumWx / sumW;
        w = 1.0;
        double sumWd2 = 0;
        for (int i = r.length - 1; i >= 0; i--) {
            double d = r[i] - mean;
            sumWd2 += w * d * d;
            w *= decay;
        }
        double biased = sumWd2 / sumW;
        double variance = biased * (sumW * sumW) / (sumW * sumW - sumW2);
        double sd = Math.sqrt(variance);
        return Series.isConstant(r, 0, r.length) || !(sd > floor) ? floor : sd;
    }
}
