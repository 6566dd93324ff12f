package com.portfolioorchestrator.wiring;

import com.portfolioorchestrator.adapters.ibkr.AccountSummary;
import com.portfolioorchestrator.adapters.ibkr.IbkrPosition;
import com.portfolioorchestrator.adapters.ibkr.Ledger;
import com.portfolioorchestrator.app.polling.ports.SourceException;
import com.portfolioorchestrator.app.portfolio.source.IbkrAccount;
import com.portfolioorchestrator.app.portfolio.source.IbkrHolding;
import java.util.ArrayList;
import java.util.List;

/** The one parser of IBKR DTOs into app records; rejected values become {@link SourceException} INVALID_DATA. */
public final class IbkrSnapshots {
    private IbkrSnapshots() {}

    /**
     * @param accountCurrency the account's base currency from {@code /portfolio/accounts} (used when the summary's
     *                        net liquidation carries none)
     */
    public static IbkrAccount parse(String accountCurrency, AccountSummary summary, Ledger ledger,
                                    List<IbkrPosition> positions) {
        try {
            String currency = summary.netLiquidationCurrency() != null ? summary.netLiquidationCurrency() : accountCurrency;
            List<IbkrHolding> holdings = new ArrayList<>(positions.size());
            for (IbkrPosition p : positions) {
                holdings.add(new IbkrHolding(p.conid(), p.description(), p.assetClass(), p.currency(), p.position(),
                        p.multiplier(), p.marketPrice(), p.marketValue(), p.unrealizedPnl()));
            }
            Double interest = ledger.base().interest();
            return new IbkrAccount(currency, summary.netLiquidation(), ledger.cashByCurrency(), ledger.exchangeRates(),
                    interest == null ? 0.0 : interest, holdings);
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new SourceException(FreqtradeSnapshots.INVALID_DATA, false, "IBKR account: " + e.getMessage(), e);
        }
    }
}
