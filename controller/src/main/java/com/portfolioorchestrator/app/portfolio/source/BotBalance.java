package com.portfolioorchestrator.app.portfolio.source;

import com.portfolioorchestrator.core.Checks;

/**
 * A bot's {@code /balance}, reduced to what equity needs.
 *
 * @param totalBot      {@code total_bot}: the bot's own assets in stake currency; for futures bots collateral only,
 *                      without unrealised PnL
 * @param stakeCurrency {@code stake}
 */
public record BotBalance(double totalBot, String stakeCurrency) {
    public BotBalance {
        Checks.nonNegative(totalBot, "total_bot");
        Checks.notBlank(stakeCurrency, "stake");
    }
}
