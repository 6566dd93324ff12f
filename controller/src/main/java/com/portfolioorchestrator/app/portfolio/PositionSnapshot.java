package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One open position, a Freqtrade trade or an IBKR holding (bot id {@code "IBKR"}, trade id = conid).
 *
 * <p><b>Notional</b> is marked to market: {@code amount x mark} with mark = {@code current_rate} (else
 * {@code open_rate} when Freqtrade sent null), converted with {@code stake_currency_rates}; IBKR:
 * {@code |position| x multiplier x mark} converted with the ledger's rate. <b>Risk at stop</b> is the loss from the mark
 * to the stop: {@code amount x max(0, mark - stop)} for a long, {@code amount x max(0, stop - mark)} for a short
 * (PRODUCT.md 5.4's {@code notional x |entry - stop| / entry} with the mark as the entry, because equity E already
 * holds the unrealised PnL up to the mark). Without any stop: {@code notional x} the bot's configured stoploss.
 *
 * @param stakeAmount    margin in the bot's stake currency (IBKR: {@code |marketValue|} in the holding's currency)
 * @param openRate       entry price (IBKR: average cost per unit)
 * @param stopPrice      the stop price, when one is known ({@link StopSource#TRADE_STOP} or {@link StopSource#CURRENT_DISTANCE})
 * @param openedAt       empty for IBKR holdings (the gateway does not report it)
 * @param notionalBase   > 0, base currency
 * @param riskAtStopBase >= 0, base currency; empty only with {@link StopSource#NONE}
 */
public record PositionSnapshot(String botId, long tradeId, String pair, Side side, double stakeAmount, double leverage,
                               double openRate, OptionalDouble stopPrice, StopSource stopSource,
                               Optional<Instant> openedAt, double notionalBase, OptionalDouble riskAtStopBase) {
    public PositionSnapshot {
        Checks.notBlank(botId, "botId");
        Checks.notBlank(pair, "pair");
        Checks.notNull(side, "side");
        Checks.nonNegative(stakeAmount, "stakeAmount");
        Checks.positive(leverage, "leverage");
        Checks.nonNegative(openRate, "openRate");
        Checks.notNull(stopPrice, "stopPrice").ifPresent(p -> Checks.positive(p, "stopPrice"));
        Checks.notNull(stopSource, "stopSource");
        Checks.notNull(openedAt, "openedAt");
        Checks.nonNegative(notionalBase, "notionalBase");
        Checks.notNull(riskAtStopBase, "riskAtStopBase").ifPresent(r -> Checks.nonNegative(r, "riskAtStopBase"));
        if (riskAtStopBase.isEmpty() != (stopSource == StopSource.NONE)) {
            throw new IllegalArgumentException("riskAtStopBase " + riskAtStopBase + " does not fit stop source " + stopSource);
        }
    }
}
