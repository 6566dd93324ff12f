package com.portfolioorchestrator.core.engine;

import com.portfolioorchestrator.core.Checks;
import com.portfolioorchestrator.core.Pair;
import com.portfolioorchestrator.core.Side;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * An open position as a poll reports it (Freqtrade {@code /status}, IBKR positions), translated by the app layer.
 * Amounts in the pair's stake currency (an IBKR symbol: the base currency), like a request.
 *
 * @param stakeAmount the position's current stake (margin); futures at IBKR pass their full notional with leverage 1
 * @param stopPrice   current stop; absent: the bot's configured stoploss ratio; at or beyond break-even: no risk
 */
public record OpenPosition(String tradeId, Pair pair, Side side, double stakeAmount, double leverage,
                           double entryPrice, OptionalDouble stopPrice, Instant openedAt) {
    public OpenPosition {
        Checks.notBlank(tradeId, "trade_id");
        Checks.notNull(pair, "pair");
        Checks.notNull(side, "side");
        Checks.nonNegative(stakeAmount, "stake_amount");
        if (!(Checks.finite(leverage, "leverage") >= 1)) {
            throw new IllegalArgumentException("leverage must be >= 1, was " + leverage);
        }
        Checks.positive(entryPrice, "entry_price");
        Checks.notNull(stopPrice, "stop_price");
        stopPrice.ifPresent(v -> Checks.positive(v, "stop_price"));
        Checks.notNull(openedAt, "opened_at");
    }

    /** Loss at stop as a fraction of notional: 0 when the stop locks break-even or better. */
    public double stopDistance(double fallbackStoploss) {
        if (stopPrice.isEmpty()) {
            return fallbackStoploss;
        }
        double stop = stopPrice.getAsDouble();
        double d = side == Side.LONG ? (entryPrice - stop) / entryPrice : (stop - entryPrice) / entryPrice;
        return Math.max(0, d);
    }
}
