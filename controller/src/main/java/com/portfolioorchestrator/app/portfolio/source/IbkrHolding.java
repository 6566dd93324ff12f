package com.portfolioorchestrator.app.portfolio.source;

import com.portfolioorchestrator.core.Checks;
import java.util.OptionalDouble;

/**
 * One normalised IBKR position (prices per unit in the major currency unit of {@code currency}).
 *
 * @param assetClass    IBKR's class: FUT, STK, OPT, CASH ...
 * @param position      signed quantity
 * @param multiplier    contract multiplier (1 for non-derivatives); empty when it could not be found
 * @param marketValue   IBKR's {@code mktValue} in {@code currency}, multiplier included
 * @param unrealizedPnl in {@code currency}; a future's contribution to NAV (futures settle daily)
 */
public record IbkrHolding(long conid, String description, String assetClass, String currency, double position,
                          OptionalDouble multiplier, double marketPrice, double marketValue,
                          OptionalDouble unrealizedPnl) {
    public IbkrHolding {
        Checks.notNull(description, "description");
        Checks.notBlank(assetClass, "assetClass of " + conid);
        Checks.notBlank(currency, "currency of " + conid);
        Checks.finite(position, "position of " + conid);
        Checks.notNull(multiplier, "multiplier").ifPresent(m -> Checks.positive(m, "multiplier of " + conid));
        Checks.nonNegative(marketPrice, "marketPrice of " + conid);
        Checks.finite(marketValue, "marketValue of " + conid);
        Checks.notNull(unrealizedPnl, "unrealizedPnl").ifPresent(p -> Checks.finite(p, "unrealizedPnl of " + conid));
    }

    public boolean isFuture() {
        return "FUT".equals(assetClass) || "FOP".equals(assetClass);
    }
}
