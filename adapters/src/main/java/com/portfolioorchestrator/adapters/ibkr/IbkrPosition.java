package com.portfolioorchestrator.adapters.ibkr;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A normalised IBKR position: every price per unit and in the major currency unit of {@code currency}.
 *
 * <p>Normalisation (see {@link PositionNormalizer}): derivatives' {@code avgCost} is divided by the multiplier;
 * prices quoted in the minor unit (LSE pence, "GBX", reported as GBP; some futures in cents) are detected against
 * {@code mktValue} and divided by 100; the multiplier comes from the row, else contract info, else
 * {@code avgCost / avgPrice}.
 *
 * @param position           signed quantity (contracts, shares)
 * @param multiplier         contract multiplier; 1 for non-derivatives; empty when it could not be found
 * @param marketPrice        price per unit, major currency unit
 * @param marketValue        IBKR's {@code mktValue}: position value in {@code currency}, multiplier included
 * @param averageCostPerUnit {@code avgCost ÷ multiplier}, major unit; empty when unknown
 * @param averagePrice       IBKR's {@code avgPrice}, major unit; empty when absent
 * @param minorUnitCorrected whether any price arrived in the minor unit and was divided by 100
 */
public record IbkrPosition(
        String accountId,
        long conid,
        String description,
        String assetClass,
        String currency,
        double position,
        OptionalDouble multiplier,
        MultiplierSource multiplierSource,
        double marketPrice,
        double marketValue,
        OptionalDouble averageCostPerUnit,
        OptionalDouble averagePrice,
        OptionalDouble unrealizedPnl,
        OptionalDouble realizedPnl,
        boolean minorUnitCorrected) {

    public IbkrPosition {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(multiplier, "multiplier");
        Objects.requireNonNull(multiplierSource, "multiplierSource");
        Objects.requireNonNull(averageCostPerUnit, "averageCostPerUnit");
        Objects.requireNonNull(averagePrice, "averagePrice");
        Objects.requireNonNull(unrealizedPnl, "unrealizedPnl");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
        if (multiplier.isEmpty() != (multiplierSource == MultiplierSource.UNKNOWN)) {
            throw new IllegalArgumentException("multiplier " + multiplier + " does not fit source " + multiplierSource);
        }
    }

    /** Where the multiplier came from. */
    public enum MultiplierSource {
        /** Not a derivative: 1 (IBKR reports 0.0 or null for stocks). */
        NOT_A_DERIVATIVE,
        /** The position row's {@code multiplier}. */
        REPORTED,
        /** {@code /iserver/contract/{conid}/info} (the row was "lean"). */
        CONTRACT_INFO,
        /** {@code avgCost / avgPrice}, when contract info was unavailable. */
        DERIVED_FROM_AVERAGE_COST,
        /** Nothing worked; {@code marketValue} is still usable for exposure. */
        UNKNOWN
    }
}
