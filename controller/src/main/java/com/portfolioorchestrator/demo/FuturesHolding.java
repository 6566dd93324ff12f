package com.portfolioorchestrator.demo;

/**
 * One futures position of the simulated IBKR account, marked to a {@link MarketSimulator} instrument.
 *
 * @param marketSymbol  the simulator instrument that prices it ("ES" prices MES as well)
 * @param conid         IBKR contract id
 * @param ticker        IBKR ticker / trading class ("MES")
 * @param localSymbol   exchange symbol ("MESH6")
 * @param expiry        last trading day, yyyyMMdd
 * @param name          company_name / name ("Micro E-mini S&P 500")
 * @param quantity      signed number of contracts (negative = short)
 * @param multiplier    contract multiplier (MES 5, MNQ 2, ES 50, NQ 20)
 * @param averagePrice  entry price per unit (IBKR {@code avgPrice}; {@code avgCost} = avgPrice x multiplier)
 * @param underlyingConid IBKR {@code undConid}
 */
public record FuturesHolding(String marketSymbol, long conid, String ticker, String localSymbol, String expiry,
                             String name, double quantity, double multiplier, double averagePrice, long underlyingConid) {
    public FuturesHolding {
        if (marketSymbol == null || ticker == null || localSymbol == null || expiry == null || name == null) {
            throw new IllegalArgumentException("names of a futures holding must not be null");
        }
        if (!expiry.matches("\\d{8}")) {
            throw new IllegalArgumentException("expiry must be yyyyMMdd, was '" + expiry + "'");
        }
        if (quantity == 0 || !Double.isFinite(quantity)) {
            throw new IllegalArgumentException("quantity must be non-zero and finite, was " + quantity);
        }
        if (!(multiplier > 0) || !(averagePrice > 0)) {
            throw new IllegalArgumentException("multiplier and averagePrice must be > 0, were " + multiplier + ", "
                    + averagePrice);
        }
    }

    /** "MES      MAR2026": IBKR pads the root to 9 characters before the month. */
    public String contractDescription() {
        String[] months = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
        String month = months[Integer.parseInt(expiry.substring(4, 6)) - 1] + expiry.substring(0, 4);
        return String.format("%-9s%s", ticker, month);
    }

    public String fullName() {
        String[] months = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
        return ticker + " " + months[Integer.parseInt(expiry.substring(4, 6)) - 1] + expiry.substring(0, 4);
    }
}
