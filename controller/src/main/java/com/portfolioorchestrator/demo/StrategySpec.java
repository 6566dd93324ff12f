package com.portfolioorchestrator.demo;

import java.time.Duration;
import java.util.List;

/**
 * How a simulated strategy trades.
 *
 * @param botId                 the bot it trades for ("S1"); also its {@code bot_id} in decision requests
 * @param bucket                playbook bucket: hft, mft, lft or event (logged only)
 * @param meanInterval          mean time between signals (exponentially distributed), simulated time
 * @param burstInterval         event strategies: mean interval while the market is in a volatility burst; null otherwise
 * @param style                 how the side is chosen from the recent return
 * @param lookback              the return window the signal looks at
 * @param pairs                 pairs it trades (one chosen at random per signal)
 * @param stakeFraction         requested stake as a fraction of the bot's starting capital (+-20 % noise)
 * @param leverage              leverage it asks for
 * @param stopDistance          stop distance as a fraction of the entry price
 * @param takeProfitMultiple    take-profit distance in multiples of the stop distance
 * @param maxHold               time exit
 * @param retryProbability      chance that an allowed entry "times out" and is retried (attempt 2, retry_of)
 * @param fundingAbsentProbability chance that a request carries no funding_rate
 * @param minStake              min_stake sent with every request (exchange minimum, USDT)
 */
public record StrategySpec(String botId, String bucket, Duration meanInterval, Duration burstInterval, Style style,
                           Duration lookback, List<String> pairs, double stakeFraction, double leverage,
                           double stopDistance, double takeProfitMultiple, Duration maxHold, double retryProbability,
                           double fundingAbsentProbability, double minStake) {
    public enum Style { MOMENTUM, MEAN_REVERSION }

    public StrategySpec {
        if (botId == null || botId.isBlank() || bucket == null || style == null) {
            throw new IllegalArgumentException("botId, bucket and style must be set");
        }
        if (meanInterval == null || meanInterval.toMillis() < 1000) {
            throw new IllegalArgumentException("meanInterval must be >= 1 s, was " + meanInterval);
        }
        if (lookback == null || lookback.toMinutes() < 5) {
            throw new IllegalArgumentException("lookback must be >= 5 min, was " + lookback);
        }
        pairs = List.copyOf(pairs);
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("pairs must not be empty for " + botId);
        }
        if (!(stakeFraction > 0 && stakeFraction <= 1)) {
            throw new IllegalArgumentException("stakeFraction must be in (0, 1], was " + stakeFraction);
        }
        if (!(leverage >= 1 && leverage <= 20)) {
            throw new IllegalArgumentException("leverage must be in [1, 20], was " + leverage);
        }
        if (!(stopDistance > 0 && stopDistance < 0.5)) {
            throw new IllegalArgumentException("stopDistance must be in (0, 0.5), was " + stopDistance);
        }
        if (!(takeProfitMultiple > 0)) {
            throw new IllegalArgumentException("takeProfitMultiple must be > 0, was " + takeProfitMultiple);
        }
        if (maxHold == null || maxHold.isNegative() || maxHold.isZero()) {
            throw new IllegalArgumentException("maxHold must be > 0, was " + maxHold);
        }
        for (double p : new double[] {retryProbability, fundingAbsentProbability}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probabilities must be in [0, 1], was " + p);
            }
        }
        if (!(minStake >= 0)) {
            throw new IllegalArgumentException("minStake must be >= 0, was " + minStake);
        }
    }
}
