package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.core.Checks;
import java.util.OptionalDouble;

/**
 * A strategy's edge score from its bot's {@code /profit} (PRODUCT.md 3 {@code edge_score}: "the rolling expectancy
 * from its closed trades").
 *
 * @param expectancyRatio Freqtrade {@code expectancy_ratio} (unitless, comparable across bots of any size): the score
 * @param expectancyBase  Freqtrade {@code expectancy} (mean profit per closed trade) in the base currency
 */
public record StrategyEdge(OptionalDouble expectancyRatio, OptionalDouble expectancyBase, int closedTrades) {
    public StrategyEdge {
        Checks.notNull(expectancyRatio, "expectancyRatio");
        Checks.notNull(expectancyBase, "expectancyBase");
        Checks.nonNegative(closedTrades, "closedTrades");
    }
}
