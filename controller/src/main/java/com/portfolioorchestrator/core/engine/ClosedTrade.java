package com.portfolioorchestrator.core.engine;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;

/**
 * A closed trade of any bot (Freqtrade {@code /trades}), fed in close order for the loss streak (playbook 2.3).
 *
 * @param profitRatio realised profit as a fraction of the stake (Freqtrade {@code profit_ratio}); |x| below
 *                    breakeven_epsilon is break-even and counts as neither a win nor a loss
 */
public record ClosedTrade(String botId, String tradeId, double profitRatio, Instant closedAt) {
    public ClosedTrade {
        Checks.notBlank(botId, "bot_id");
        Checks.notBlank(tradeId, "trade_id");
        Checks.finite(profitRatio, "profit_ratio");
        Checks.notNull(closedAt, "closed_at");
    }
}
