package com.portfolioorchestrator.app.portfolio.source;

import com.portfolioorchestrator.core.Checks;
import java.util.OptionalDouble;

/**
 * What the portfolio needs from a bot's {@code /show_config}.
 *
 * @param stakeCurrency the currency of every amount the bot reports (USDT)
 * @param stoploss      the strategy stoploss as Freqtrade reports it: a negative, leveraged ratio (-0.1); empty when absent
 */
public record BotConfig(String botName, String strategy, String stakeCurrency, TradingMode tradingMode,
                        OptionalDouble stoploss, String timeframe) {
    public BotConfig {
        Checks.notNull(botName, "bot_name");
        Checks.notNull(strategy, "strategy");
        Checks.notBlank(stakeCurrency, "stake_currency");
        Checks.notNull(tradingMode, "trading_mode");
        Checks.notNull(stoploss, "stoploss");
        stoploss.ifPresent(s -> Checks.finite(s, "stoploss"));
        Checks.notNull(timeframe, "timeframe");
    }

    public boolean isFutures() {
        return tradingMode == TradingMode.FUTURES;
    }
}
