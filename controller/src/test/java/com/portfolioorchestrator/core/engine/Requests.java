package com.portfolioorchestrator.core.engine;

import com.portfolioorchestrator.core.EntryKind;
import com.portfolioorchestrator.core.Grade;
import com.portfolioorchestrator.core.OrderType;
import com.portfolioorchestrator.core.Pair;
import com.portfolioorchestrator.core.Side;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test fixture: a valid request with defaults a test changes one at a time. Defaults: long, entry, stake 1000 USDT,
 * leverage 1, entry price 100, stop 1 % away (so that risk at stop stays small unless a test says otherwise), spread
 * 1 bps, slippage 1 bps, no funding.
 */
final class Requests {
    private static final AtomicLong IDS = new AtomicLong();

    private String requestId = "r-" + IDS.incrementAndGet();
    private final String botId;
    private Pair pair;
    private Side side = Side.LONG;
    private EntryKind kind = EntryKind.ENTRY;
    private double stake = 1000;
    private double leverage = 1;
    private double entry = 100;
    private double stopFraction = 0.01;
    private double minStake = 0;
    private OptionalDouble spread = OptionalDouble.of(1);
    private OptionalDouble slippage = OptionalDouble.of(1);
    private OptionalDouble funding = OptionalDouble.empty();
    private OptionalDouble edge = OptionalDouble.empty();
    private Optional<Grade> grade = Optional.empty();
    private int attempt = 1;
    private Optional<String> retryOf = Optional.empty();

    private Requests(String botId, String pair) {
        this.botId = botId;
        this.pair = Pair.parse(pair);
    }

    static Requests entry(String botId, String pair) {
        return new Requests(botId, pair);
    }

    Requests requestId(String id) {
        requestId = id;
        return this;
    }

    Requests side(Side s) {
        side = s;
        return this;
    }

    Requests shortSide() {
        return side(Side.SHORT);
    }

    Requests increase() {
        kind = EntryKind.INCREASE;
        return this;
    }

    Requests stake(double v) {
        stake = v;
        return this;
    }

    Requests leverage(double v) {
        leverage = v;
        return this;
    }

    Requests price(double v) {
        entry = v;
        return this;
    }

    /** Stop as a fraction below (long) or above (short) the entry price. */
    Requests stopDistance(double fraction) {
        stopFraction = fraction;
        return this;
    }

    /** No stop price: the bot's configured stoploss applies. */
    Requests noStop() {
        stopFraction = 0;
        return this;
    }

    Requests minStake(double v) {
        minStake = v;
        return this;
    }

    Requests spread(double v) {
        spread = OptionalDouble.of(v);
        return this;
    }

    Requests slippage(double v) {
        slippage = OptionalDouble.of(v);
        return this;
    }

    Requests noQuotes() {
        spread = OptionalDouble.empty();
        slippage = OptionalDouble.empty();
        return this;
    }

    Requests funding(double v) {
        funding = OptionalDouble.of(v);
        return this;
    }

    Requests edge(double v) {
        edge = OptionalDouble.of(v);
        return this;
    }

    Requests grade(Grade g) {
        grade = Optional.of(g);
        return this;
    }

    Requests retry(int attemptNumber, String of) {
        attempt = attemptNumber;
        retryOf = Optional.of(of);
        return this;
    }

    DecisionRequest build() {
        OptionalDouble stop = stopFraction == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(side == Side.LONG ? entry * (1 - stopFraction) : entry * (1 + stopFraction));
        return new DecisionRequest(requestId, botId, pair, side, kind, stake, leverage, entry, stop, minStake,
                OrderType.LIMIT, spread, slippage, funding, edge, grade, attempt, retryOf);
    }
}
