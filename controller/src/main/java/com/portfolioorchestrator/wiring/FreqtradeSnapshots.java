package com.portfolioorchestrator.wiring;

import com.portfolioorchestrator.adapters.freqtrade.Balances;
import com.portfolioorchestrator.adapters.freqtrade.Daily;
import com.portfolioorchestrator.adapters.freqtrade.Health;
import com.portfolioorchestrator.adapters.freqtrade.Locks;
import com.portfolioorchestrator.adapters.freqtrade.PairCandles;
import com.portfolioorchestrator.adapters.freqtrade.Profit;
import com.portfolioorchestrator.adapters.freqtrade.ShowConfig;
import com.portfolioorchestrator.adapters.freqtrade.Trade;
import com.portfolioorchestrator.app.polling.ports.GlobalLock;
import com.portfolioorchestrator.app.polling.ports.SourceException;
import com.portfolioorchestrator.app.portfolio.source.BotBalance;
import com.portfolioorchestrator.app.portfolio.source.BotConfig;
import com.portfolioorchestrator.app.portfolio.source.BotProfit;
import com.portfolioorchestrator.app.portfolio.source.Candle;
import com.portfolioorchestrator.app.portfolio.source.ClosedTrade;
import com.portfolioorchestrator.app.portfolio.source.DailyProfit;
import com.portfolioorchestrator.app.portfolio.source.OpenTrade;
import com.portfolioorchestrator.app.portfolio.source.TradingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The one parser of Freqtrade DTOs into app records. Corrupt values (a missing required number, a negative balance,
 * a null price in a candle) are rejected here, loudly, as {@link SourceException} kind {@code INVALID_DATA} naming the
 * endpoint and the field; the poller then keeps the previous good data. Nullable floats that Freqtrade legitimately
 * sends as null (NaN/inf: {@code current_rate} on an exchange error, {@code profit_factor}) become empty optionals.
 */
public final class FreqtradeSnapshots {
    /** The failure kind of a value the parser rejected. */
    public static final String INVALID_DATA = "INVALID_DATA";

    private FreqtradeSnapshots() {}

    public static BotConfig parse(ShowConfig c) {
        return guard("GET /show_config", () -> new BotConfig(orEmpty(c.botName()), orEmpty(c.strategy()),
                required(c.stakeCurrency(), "stake_currency"), TradingMode.parse(c.tradingMode()),
                optional(c.stoploss()), orEmpty(c.timeframe())));
    }

    public static Optional<Instant> parse(Health h) {
        return Optional.ofNullable(h.lastProcess());
    }

    public static BotBalance parse(Balances b) {
        return guard("GET /balance", () -> new BotBalance(required(b.totalBot(), "total_bot"), required(b.stake(), "stake")));
    }

    /** {@code /status}, in trade id order. */
    public static List<OpenTrade> parseOpen(List<Trade> trades) {
        return guard("GET /status", () -> {
            List<OpenTrade> out = new ArrayList<>(trades.size());
            for (Trade t : trades) {
                String where = " of trade " + t.tradeId();
                out.add(new OpenTrade(t.tradeId(), t.pair(), Boolean.TRUE.equals(t.isShort()),
                        required(t.amount(), "amount" + where), required(t.stakeAmount(), "stake_amount" + where),
                        t.leverage() == null ? 1.0 : t.leverage(), required(t.openRate(), "open_rate" + where),
                        required(t.openTimestamp(), "open_timestamp" + where), optional(t.currentRate()),
                        optional(t.stopLossAbs()), optional(t.stoplossCurrentDist()), optional(t.totalProfitAbs())));
            }
            out.sort((a, b) -> Long.compare(a.tradeId(), b.tradeId()));
            return List.copyOf(out);
        });
    }

    /** Closed trades of {@code /trades}; an open one (it should not be there) is skipped. */
    public static List<ClosedTrade> parseClosed(List<Trade> trades) {
        return guard("GET /trades", () -> {
            List<ClosedTrade> out = new ArrayList<>(trades.size());
            for (Trade t : trades) {
                if (Boolean.TRUE.equals(t.isOpen())) {
                    continue;
                }
                String where = " of trade " + t.tradeId();
                Double ratio = t.profitRatio() != null ? t.profitRatio() : t.closeProfit();
                Double abs = t.profitAbs() != null ? t.profitAbs() : t.closeProfitAbs();
                out.add(new ClosedTrade(t.tradeId(), t.pair(), Boolean.TRUE.equals(t.isShort()),
                        required(t.closeTimestamp(), "close_timestamp" + where), required(ratio, "profit_ratio" + where),
                        required(abs, "profit_abs" + where)));
            }
            return List.copyOf(out);
        });
    }

    public static BotProfit parse(Profit p) {
        return guard("GET /profit", () -> new BotProfit(optional(p.expectancy()), optional(p.expectancyRatio()),
                required(p.closedTradeCount(), "closed_trade_count")));
    }

    public static List<DailyProfit> parse(Daily d) {
        return guard("GET /daily", () -> {
            List<DailyProfit> out = new ArrayList<>(d.data().size());
            for (Daily.Day day : d.data()) {
                out.add(new DailyProfit(day.date(), required(day.absProfit(), "abs_profit of " + day.date()),
                        required(day.startingBalance(), "starting_balance of " + day.date()),
                        day.tradeCount() == null ? 0 : day.tradeCount()));
            }
            return List.copyOf(out);
        });
    }

    public static List<Candle> parse(PairCandles pc) {
        return guard("GET /pair_candles", () -> {
            List<Candle> out = new ArrayList<>(pc.data().size());
            for (PairCandles.Candle c : pc.candles()) {
                String where = " of the candle at " + c.openTime();
                out.add(new Candle(c.openTime(), required(c.open(), "open" + where), required(c.high(), "high" + where),
                        required(c.low(), "low" + where), required(c.close(), "close" + where)));
            }
            return List.copyOf(out);
        });
    }

    public static List<GlobalLock> parse(Locks locks) {
        return guard("GET /locks", () -> {
            List<GlobalLock> out = new ArrayList<>(locks.locks().size());
            for (Locks.Lock l : locks.locks()) {
                out.add(new GlobalLock(l.id(), l.active(), required(l.pair(), "pair of lock " + l.id()),
                        orEmpty(l.reason()), required(l.lockEndTimestamp(), "lock_end_timestamp of lock " + l.id())));
            }
            return List.copyOf(out);
        });
    }

    private static <T> T guard(String endpoint, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SourceException(INVALID_DATA, false, endpoint + ": " + e.getMessage(), e);
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing or null");
        }
        return value;
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
