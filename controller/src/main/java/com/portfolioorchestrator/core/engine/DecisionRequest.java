package com.portfolioorchestrator.core.engine;

import com.portfolioorchestrator.core.Checks;
import com.portfolioorchestrator.core.EntryKind;
import com.portfolioorchestrator.core.Grade;
import com.portfolioorchestrator.core.OrderType;
import com.portfolioorchestrator.core.Pair;
import com.portfolioorchestrator.core.Side;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A bot's "may I enter, and how big?" (PRODUCT.md section 3), validated. Amounts are in the bot's stake currency
 * (the pair's settle or quote currency); prices in the pair's quote currency; rates and scores as fractions.
 *
 * @param requestId           idempotency key, 1..64 characters (the API layer returns the stored decision on a repeat)
 * @param stakeAmount         requested stake (margin), > 0
 * @param leverage            >= 1; notional = stake x leverage
 * @param stopPrice           on the losing side of entryPrice; absent: the bot's configured stoploss ratio is used
 * @param minStake            exchange minimum stake, >= 0; an approved stake below it is a deny
 * @param spreadBps           execution-guard input, >= 0
 * @param expectedSlippageBps execution-guard input, >= 0
 * @param fundingRate         projected funding over the holding horizon, fraction (0.0004 = 0.04 %), may be negative
 * @param edgeScore           the strategy's own edge estimate for this trade
 * @param attempt             1 for a first order; 2, 3 ... for retries after a limit timeout (playbook 3.1)
 * @param retryOf             the decision id being retried; present exactly when attempt > 1
 */
public record DecisionRequest(String requestId, String botId, Pair pair, Side side, EntryKind kind, double stakeAmount,
                              double leverage, double entryPrice, OptionalDouble stopPrice, double minStake,
                              OrderType orderType, OptionalDouble spreadBps, OptionalDouble expectedSlippageBps,
                              OptionalDouble fundingRate, OptionalDouble edgeScore, Optional<Grade> grade, int attempt,
                              Optional<String> retryOf) {
    public DecisionRequest {
        Checks.notBlank(requestId, "request_id");
        if (requestId.length() > 64) {
            throw new IllegalArgumentException("request_id must be at most 64 characters, was " + requestId.length());
        }
        Checks.notBlank(botId, "bot_id");
        Checks.notNull(pair, "pair");
        Checks.notNull(side, "side");
        Checks.notNull(kind, "kind");
        Checks.positive(stakeAmount, "stake_amount");
        if (!(Checks.finite(leverage, "leverage") >= 1)) {
            throw new IllegalArgumentException("leverage must be >= 1, was " + leverage);
        }
        Checks.positive(entryPrice, "entry_price");
        Checks.notNull(stopPrice, "stop_price");
        if (stopPrice.isPresent()) {
            double stop = Checks.positive(stopPrice.getAsDouble(), "stop_price");
            if (side == Side.LONG && !(stop < entryPrice)) {
                throw new IllegalArgumentException("stop_price must be below entry_price " + entryPrice + " for a long, was " + stop);
            }
            if (side == Side.SHORT && !(stop > entryPrice)) {
                throw new IllegalArgumentException("stop_price must be above entry_price " + entryPrice + " for a short, was " + stop);
            }
        }
        Checks.nonNegative(minStake, "min_stake");
        Checks.notNull(orderType, "order_type");
        Checks.notNull(spreadBps, "spread_bps");
        spreadBps.ifPresent(v -> Checks.nonNegative(v, "spread_bps"));
        Checks.notNull(expectedSlippageBps, "expected_slippage_bps");
        expectedSlippageBps.ifPresent(v -> Checks.nonNegative(v, "expected_slippage_bps"));
        Checks.notNull(fundingRate, "funding_rate");
        fundingRate.ifPresent(v -> Checks.finite(v, "funding_rate"));
        Checks.notNull(edgeScore, "edge_score");
        edgeScore.ifPresent(v -> Checks.finite(v, "edge_score"));
        Checks.notNull(grade, "grade");
        Checks.positive(attempt, "attempt");
        Checks.notNull(retryOf, "retry_of");
        if (attempt > 1 && retryOf.isEmpty()) {
            throw new IllegalArgumentException("retry_of is required when attempt > 1, attempt was " + attempt);
        }
        if (attempt == 1 && retryOf.isPresent()) {
            throw new IllegalArgumentException("retry_of must be absent when attempt is 1, was '" + retryOf.get() + "'");
        }
        retryOf.ifPresent(id -> Checks.notBlank(id, "retry_of"));
    }

    /** Stop distance as a fraction of entry, or the fallback (the bot's configured stoploss) without a stop. */
    public double stopDistance(double fallbackStoploss) {
        return stopPrice.isPresent() ? Math.abs(entryPrice - stopPrice.getAsDouble()) / entryPrice : fallbackStoploss;
    }

    /** A minimal first-attempt limit entry; the other fields absent or at their API defaults. */
    public static DecisionRequest entry(String requestId, String botId, Pair pair, Side side, double stakeAmount,
                                        double leverage, double entryPrice) {
        return new DecisionRequest(requestId, botId, pair, side, EntryKind.ENTRY, stakeAmount, leverage, entryPrice,
                OptionalDouble.empty(), 0, OrderType.LIMIT, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(), 1, Optional.empty());
    }
}
