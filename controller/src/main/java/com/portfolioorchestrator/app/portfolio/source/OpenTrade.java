package com.portfolioorchestrator.app.portfolio.source;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * One open trade of {@code /status}. Amounts in the bot's stake currency, prices in quote currency.
 *
 * @param amount              position size in base units (already leveraged), > 0
 * @param stakeAmount         the margin put in, stake currency
 * @param leverage            >= 1 (spot: 1)
 * @param currentRate         exit-side price; empty when Freqtrade sent null (exchange error)
 * @param stopLossAbs         the current stop price ({@code stop_loss_abs}); empty when absent
 * @param stoplossCurrentDist {@code stop_loss_abs - current_rate}; empty when absent
 * @param totalProfitAbs      unrealised plus already realised (partial exits) profit, stake currency; empty when null
 */
public record OpenTrade(long tradeId, String pair, boolean isShort, double amount, double stakeAmount, double leverage,
                        double openRate, Instant openedAt, OptionalDouble currentRate, OptionalDouble stopLossAbs,
                        OptionalDouble stoplossCurrentDist, OptionalDouble totalProfitAbs) {
    public OpenTrade {
        Checks.nonNegative(tradeId, "trade_id");
        Checks.notBlank(pair, "pair");
        Checks.positive(amount, "amount of trade " + tradeId);
        Checks.nonNegative(stakeAmount, "stake_amount of trade " + tradeId);
        Checks.inRange(leverage, 1.0, 1000.0, "leverage of trade " + tradeId);
        Checks.positive(openRate, "open_rate of trade " + tradeId);
        Checks.notNull(openedAt, "open_timestamp of trade " + tradeId);
        positiveIfPresent(Checks.notNull(currentRate, "current_rate"), "current_rate of trade " + tradeId);
        positiveIfPresent(Checks.notNull(stopLossAbs, "stop_loss_abs"), "stop_loss_abs of trade " + tradeId);
        Checks.notNull(stoplossCurrentDist, "stoploss_current_dist").ifPresent(d -> Checks.finite(d, "stoploss_current_dist"));
        Checks.notNull(totalProfitAbs, "total_profit_abs").ifPresent(p -> Checks.finite(p, "total_profit_abs"));
    }

    private static void positiveIfPresent(OptionalDouble value, String field) {
        value.ifPresent(v -> Checks.positive(v, field));
    }

    /** The price the position is marked at: {@code current_rate}, else {@code open_rate}. */
    public double markPrice() {
        return currentRate.orElse(openRate);
    }
}
