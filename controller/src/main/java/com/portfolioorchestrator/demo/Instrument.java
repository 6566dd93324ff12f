package com.portfolioorchestrator.demo;

/**
 * One simulated market.
 *
 * @param symbol            the traded name: a Freqtrade futures pair ({@code BTC/USDT:USDT}) or a futures root ({@code ES})
 * @param kind              crypto perpetual (driven by the crypto factor) or index future (the equity factor)
 * @param startPrice        price at the start of the generated history
 * @param hourlyVolatility  standard deviation of hourly log returns in the calm regime, a fraction (0.006 = 0.6 %/h)
 * @param factorLoading     correlation of the instrument's returns with its common factor, in [0, 1)
 * @param baseSpreadBps     quoted bid/ask spread in the calm regime, basis points
 * @param priceStep         tick size prices are rounded to
 */
public record Instrument(String symbol, Kind kind, double startPrice, double hourlyVolatility, double factorLoading,
                         double baseSpreadBps, double priceStep) {
    public enum Kind { CRYPTO, INDEX_FUTURE }

    public Instrument {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol must not be blank, was '" + symbol + "'");
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null for " + symbol);
        }
        positive(startPrice, "startPrice");
        positive(hourlyVolatility, "hourlyVolatility");
        positive(baseSpreadBps, "baseSpreadBps");
        positive(priceStep, "priceStep");
        if (!(factorLoading >= 0 && factorLoading < 1)) {
            throw new IllegalArgumentException("factorLoading must be in [0, 1), was " + factorLoading);
        }
    }

    /** The base asset of a crypto pair ({@code BTC} for {@code BTC/USDT:USDT}); the root itself for a future. */
    public String baseAsset() {
        int slash = symbol.indexOf('/');
        return slash < 0 ? symbol : symbol.substring(0, slash);
    }

    private static void positive(double value, String name) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be > 0 and finite, was " + value);
        }
    }
}
