package com.portfolioorchestrator.demo;

/**
 * One trade inside a {@link SimulatedFreqtradeBot}: mutable, guarded by the bot's lock, never shared outside it.
 * Profit arithmetic follows Freqtrade's {@code LocalTrade} for futures (isolated margin): fees on both legs and
 * funding fees inside the close value, ratios relative to the margin (times leverage).
 */
final class SimulatedTrade {
    static final double LIMIT_FEE = 0.0002;
    static final double MARKET_FEE = 0.0005;
    private static final double MAINTENANCE_MARGIN_RATE = 0.005;

    final int id;
    final String pair;
    final String baseCurrency;
    final Side side;
    final double amount;
    final double amountPrecision;
    final double pricePrecision;
    final double leverage;
    final double openRate;
    final long openMillis;
    final long openFillMillis;
    final double feeOpen;
    final double initialStopLoss;
    final double takeProfit;
    final long maxHoldMillis;
    final String enterTag;
    final String strategy;
    final int timeframeMinutes;

    double stopLoss;
    double minRate;
    double maxRate;
    double fundingFees;
    boolean open = true;
    double feeClose = LIMIT_FEE;
    double closeRate;
    double closeRateRequested;
    long exitOrderMillis;
    long closeMillis;
    String exitReason;
    String exitOrderType;

    SimulatedTrade(int id, String pair, Side side, double amount, double amountPrecision, double pricePrecision,
                   double leverage, double openRate, long openMillis, double stopLoss, double takeProfit,
                   long maxHoldMillis, String enterTag, String strategy, int timeframeMinutes) {
        this.id = id;
        this.pair = pair;
        int slash = pair.indexOf('/');
        this.baseCurrency = slash < 0 ? pair : pair.substring(0, slash);
        this.side = side;
        this.amount = amount;
        this.amountPrecision = amountPrecision;
        this.pricePrecision = pricePrecision;
        this.leverage = leverage;
        this.openRate = openRate;
        this.openMillis = openMillis;
        this.openFillMillis = openMillis + 2_000;
        this.feeOpen = LIMIT_FEE;
        this.initialStopLoss = stopLoss;
        this.stopLoss = stopLoss;
        this.takeProfit = takeProfit;
        this.maxHoldMillis = maxHoldMillis;
        this.enterTag = enterTag;
        this.strategy = strategy;
        this.timeframeMinutes = timeframeMinutes;
        this.minRate = openRate;
        this.maxRate = openRate;
    }

    /** Notional at entry: {@code max_stake_amount} and the entry order's cost. */
    double notional() {
        return amount * openRate;
    }

    /** Margin: {@code stake_amount} = amount x open_rate / leverage. */
    double stake() {
        return notional() / leverage;
    }

    double openTradeValue() {
        double fees = notional() * feeOpen;
        return side.isShort() ? notional() - fees : notional() + fees;
    }

    double closeTradeValue(double rate, double fee) {
        double value = amount * rate;
        double fees = value * fee;
        return side.isShort() ? value + fees - fundingFees : value - fees + fundingFees;
    }

    /** Profit in USDT if the position were closed at {@code rate} with fee {@code fee}, rounded to 8 decimals like Freqtrade. */
    double profitAbs(double rate, double fee) {
        double close = closeTradeValue(rate, fee);
        double profit = side.isShort() ? openTradeValue() - close : close - openTradeValue();
        return FreqtradeFormat.round(profit, 8);
    }

    /** Profit ratio relative to the margin: (close/open - 1) x leverage (short: 1 - close/open). */
    double profitRatio(double rate, double fee) {
        double close = closeTradeValue(rate, fee);
        double ratio = side.isShort() ? 1 - close / openTradeValue() : close / openTradeValue() - 1;
        return ratio * leverage;
    }

    double closeProfitAbs() {
        return profitAbs(closeRate, feeClose);
    }

    double closeProfit() {
        return profitRatio(closeRate, feeClose);
    }

    /** Stop distance as Freqtrade stores it: a negative ratio of the margin (-0.1 = 10 % of the stake). */
    double stopLossRatio(double stop) {
        return -Math.abs(stop - openRate) / openRate * leverage;
    }

    /** Approximate isolated-margin liquidation price with a 0.5 % maintenance margin rate. */
    double liquidationPrice() {
        return side.isShort()
                ? openRate * (1 + 1 / leverage - MAINTENANCE_MARGIN_RATE)
                : openRate * (1 - 1 / leverage + MAINTENANCE_MARGIN_RATE);
    }

    String entryOrderSide() {
        return side.isShort() ? "sell" : "buy";
    }

    String exitOrderSide() {
        return side.isShort() ? "buy" : "sell";
    }

    String orderId(String orderSide, long millis) {
        return "dry_run_" + orderSide + "_" + pair + "_" + String.format(java.util.Locale.ROOT, "%d.%06d",
                millis / 1000, (millis % 1000) * 1000 + (id * 7919L) % 1000);
    }
}
