package com.portfolioorchestrator.app.portfolio.source;

import com.portfolioorchestrator.core.Checks;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One poll of the IBKR account: summary, ledger and positions.
 *
 * @param accountCurrency  the account's base currency (the ledger's BASE row is in it)
 * @param netLiquidation   the broker's net liquidation value, in {@code accountCurrency}
 * @param cashByCurrency   cash balance per ISO currency, in that currency (may be negative)
 * @param exchangeRates    account-currency units per unit of each ISO currency (the ledger's {@code exchangerate})
 * @param accruedInterest  the ledger BASE row's {@code interest}, in {@code accountCurrency}: part of net liquidation
 */
public record IbkrAccount(String accountCurrency, double netLiquidation, Map<String, Double> cashByCurrency,
                          Map<String, Double> exchangeRates, double accruedInterest, List<IbkrHolding> holdings) {
    public IbkrAccount {
        Checks.notBlank(accountCurrency, "accountCurrency");
        Checks.finite(netLiquidation, "netliquidation");
        cashByCurrency = checkedCopy(cashByCurrency, "cashbalance", false);
        exchangeRates = checkedCopy(exchangeRates, "exchangerate", true);
        Checks.finite(accruedInterest, "interest");
        holdings = List.copyOf(holdings);
    }

    private static Map<String, Double> checkedCopy(Map<String, Double> values, String field, boolean positive) {
        Checks.notNull(values, field);
        Map<String, Double> copy = new TreeMap<>();
        values.forEach((currency, value) -> {
            Checks.notNull(value, field + "[" + currency + "]");
            if (positive) {
                Checks.positive(value, field + "[" + currency + "]");
            } else {
                Checks.finite(value, field + "[" + currency + "]");
            }
            copy.put(currency, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Account-currency units per unit of {@code currency}: 1 for the account currency itself; NaN when unknown. */
    public double rateToAccount(String currency) {
        if (accountCurrency.equals(currency)) {
            return 1.0;
        }
        Double rate = exchangeRates.get(currency);
        return rate == null ? Double.NaN : rate;
    }
}
