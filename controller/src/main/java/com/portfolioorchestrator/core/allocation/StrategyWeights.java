package com.portfolioorchestrator.core.allocation;

/** Strategy weights inside one bucket (playbook 1.3). */
public final class StrategyWeights {
    private StrategyWeights() {}

    /**
     * Inverse strategy volatility, {@code (1 / sigma_s) / sum(1 / sigma)}; an equal split when ANY strategy of the
     * bucket has fewer than {@code minTrades} closed trades ("insufficient history": one young strategy's noisy sigma
     * must not move its siblings either).
     *
     * @param sigma        volatility of each strategy, finite and > 0
     * @param closedTrades closed trades of each strategy, >= 0, same length
     * @param minTrades    closed trades a strategy needs for its volatility to count, >= 0
     * @return fractions of the bucket's weight, in input order, summing to 1 (empty for an empty bucket)
     */
    public static double[] withinBucket(double[] sigma, int[] closedTrades, int minTrades) {
        if (sigma == null || closedTrades == null) {
            throw new IllegalArgumentException("sigma and closedTrades must not be null");
        }
        if (sigma.length != closedTrades.length) {
            throw new IllegalArgumentException("sigma and closedTrades must have the same length, were "
                    + sigma.length + " and " + closedTrades.length);
        }
        if (minTrades < 0) {
            throw new IllegalArgumentException("minTrades must be >= 0, was " + minTrades);
        }
        int n = sigma.length;
        boolean enoughHistory = true;
        double inverseSum = 0;
        for (int s = 0; s < n; s++) {
            if (!(Double.isFinite(sigma[s]) && sigma[s] > 0)) {
                throw new IllegalArgumentException("sigma[" + s + "] must be a finite number > 0, was " + sigma[s]);
            }
            if (closedTrades[s] < 0) {
                throw new IllegalArgumentException("closedTrades[" + s + "] must be >= 0, was " + closedTrades[s]);
            }
            enoughHistory &= closedTrades[s] >= minTrades;
            inverseSum += 1.0 / sigma[s];
        }
        double[] weights = new double[n];
        for (int s = 0; s < n; s++) {
            weights[s] = enoughHistory ? (1.0 / sigma[s]) / inverseSum : 1.0 / n;
        }
        return weights;
    }
}
