package com.portfolioorchestrator.adapters.ibkr;

import com.portfolioorchestrator.adapters.ibkr.IbkrPosition.MultiplierSource;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Turns raw position rows into {@link IbkrPosition}s. Pure: the multiplier looked up elsewhere is passed in.
 *
 * <p>Rules (reference: ibkr-telegram-prometheus.md 1.2.6 and 1.3 a-d):
 * <ul>
 *   <li>Derivatives (FUT, FOP, OPT, WAR, IOPT): {@code avgCost} includes the multiplier, so the per-unit cost is
 *       {@code avgCost / multiplier}. The multiplier is the row's when positive, else the looked-up one, else
 *       {@code avgCost / avgPrice}.</li>
 *   <li>Minor currency units: IBKR's {@code mktValue} is in the major unit. When
 *       {@code |position × price × multiplier| / |reference|} is within {@value #MINOR_LOW}..{@value #MINOR_HIGH}
 *       the price is in the minor unit (pence for LSE lines reported as GBP, cents for some futures) and is divided by
 *       100. {@code mktPrice} is checked against {@code mktValue}; {@code avgCost} and {@code avgPrice} against the
 *       cost basis {@code mktValue - unrealizedPnl}.</li>
 * </ul>
 */
public final class PositionNormalizer {
    static final double MINOR_LOW = 97.0;
    static final double MINOR_HIGH = 103.0;
    private static final Set<String> DERIVATIVES = Set.of("FUT", "FOP", "OPT", "WAR", "IOPT");

    private PositionNormalizer() {
    }

    public static boolean isDerivative(String assetClass) {
        return assetClass != null && DERIVATIVES.contains(assetClass.toUpperCase(Locale.ROOT));
    }

    /** Whether the row needs a multiplier that it does not carry. */
    public static boolean needsMultiplier(PositionRow row) {
        return isDerivative(row.assetClass()) && !(row.multiplier() != null && row.multiplier() > 0);
    }

    /**
     * @param lookedUp the multiplier from contract info, empty when not looked up or not available
     */
    public static IbkrPosition normalize(PositionRow row, OptionalDouble lookedUp) {
        if (row.mktPrice() == null || row.mktValue() == null) {
            throw new IllegalArgumentException("mktPrice and mktValue are required, conid " + row.conid());
        }
        if (row.currency() == null || row.currency().isBlank()) {
            throw new IllegalArgumentException("currency is missing, conid " + row.conid());
        }
        String assetClass = row.assetClass() == null ? "" : row.assetClass();

        OptionalDouble multiplier;
        MultiplierSource source;
        if (!isDerivative(assetClass)) {
            multiplier = OptionalDouble.of(1.0);
            source = MultiplierSource.NOT_A_DERIVATIVE;
        } else if (row.multiplier() != null && row.multiplier() > 0) {
            multiplier = OptionalDouble.of(row.multiplier());
            source = MultiplierSource.REPORTED;
        } else if (lookedUp.isPresent() && lookedUp.getAsDouble() > 0) {
            multiplier = lookedUp;
            source = MultiplierSource.CONTRACT_INFO;
        } else if (positive(row.avgCost()) && positive(row.avgPrice())) {
            multiplier = OptionalDouble.of(row.avgCost() / row.avgPrice());
            source = MultiplierSource.DERIVED_FROM_AVERAGE_COST;
        } else {
            multiplier = OptionalDouble.empty();
            source = MultiplierSource.UNKNOWN;
        }
        double units = multiplier.orElse(1.0);
        double position = row.position();

        boolean corrected = false;
        double marketPrice = row.mktPrice();
        if (isMinorUnit(position * marketPrice * units, row.mktValue())) {
            marketPrice /= 100.0;
            corrected = true;
        }

        Double costBasis = row.unrealizedPnl() == null ? null : row.mktValue() - row.unrealizedPnl();
        OptionalDouble averageCost = OptionalDouble.empty();
        if (row.avgCost() != null && multiplier.isPresent()) {
            double perUnit = row.avgCost() / units;
            if (costBasis != null && isMinorUnit(position * perUnit * units, costBasis)) {
                perUnit /= 100.0;
                corrected = true;
            }
            averageCost = OptionalDouble.of(perUnit);
        }
        OptionalDouble averagePrice = OptionalDouble.empty();
        if (row.avgPrice() != null) {
            double price = row.avgPrice();
            if (costBasis != null && isMinorUnit(position * price * units, costBasis)) {
                price /= 100.0;
                corrected = true;
            }
            averagePrice = OptionalDouble.of(price);
        }

        String description = row.contractDesc() != null ? row.contractDesc().trim().replaceAll("\\s+", " ")
                : row.ticker() != null ? row.ticker() : Long.toString(row.conid());
        return new IbkrPosition(row.acctId(), row.conid(), description, assetClass, row.currency(), position,
                multiplier, source, marketPrice, row.mktValue(), averageCost, averagePrice,
                optional(row.unrealizedPnl()), optional(row.realizedPnl()), corrected);
    }

    static boolean isMinorUnit(double computed, double reference) {
        if (reference == 0.0 || computed == 0.0 || !Double.isFinite(computed) || !Double.isFinite(reference)) {
            return false;
        }
        double ratio = Math.abs(computed) / Math.abs(reference);
        return ratio >= MINOR_LOW && ratio <= MINOR_HIGH;
    }

    private static boolean positive(Double value) {
        return value != null && value > 0;
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
