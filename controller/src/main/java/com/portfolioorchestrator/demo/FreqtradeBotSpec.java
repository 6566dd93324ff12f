package com.portfolioorchestrator.demo;

import java.time.Duration;

/**
 * A simulated Freqtrade bot's configuration (the parts {@code /show_config} reports and the API server's settings).
 *
 * @param botName          {@code bot_name}, e.g. "S1"
 * @param strategy         strategy class name
 * @param timeframe        strategy timeframe ("5m", "15m", "1h", ...)
 * @param startingCapital  {@code available_capital} in USDT
 * @param maxOpenTrades    the bot's own max_open_trades
 * @param stoploss         the strategy's stoploss, a negative leveraged ratio (-0.1)
 * @param username         API server Basic-auth user
 * @param password         API server Basic-auth password
 * @param jwtSecret        {@code jwt_secret_key} the tokens are signed with
 * @param port             loopback port to listen on; 0 picks a free one
 * @param uptimeBeforeStart how long before the simulated start the bot was first started ({@code bot_start})
 */
public record FreqtradeBotSpec(String botName, String strategy, String timeframe, double startingCapital,
                               int maxOpenTrades, double stoploss, String username, String password, String jwtSecret,
                               int port, Duration uptimeBeforeStart) {
    public FreqtradeBotSpec {
        for (String[] field : new String[][] {{"botName", botName}, {"strategy", strategy}, {"username", username},
                {"password", password}, {"jwtSecret", jwtSecret}}) {
            if (field[1] == null || field[1].isBlank()) {
                throw new IllegalArgumentException(field[0] + " must not be blank, was '" + field[1] + "'");
            }
        }
        FreqtradeFormat.timeframe(timeframe);
        if (!(startingCapital > 0) || Double.isInfinite(startingCapital)) {
            throw new IllegalArgumentException("startingCapital must be > 0, was " + startingCapital);
        }
        if (maxOpenTrades < 1) {
            throw new IllegalArgumentException("maxOpenTrades must be >= 1, was " + maxOpenTrades);
        }
        if (!(stoploss < 0 && stoploss > -1)) {
            throw new IllegalArgumentException("stoploss must be in (-1, 0), was " + stoploss);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        if (uptimeBeforeStart == null || uptimeBeforeStart.isNegative()) {
            throw new IllegalArgumentException("uptimeBeforeStart must be >= 0, was " + uptimeBeforeStart);
        }
    }

    /** A spec with test-friendly defaults: user "freqtrader", password "&lt;name&gt;-password", port 0. */
    public static FreqtradeBotSpec of(String botName, double startingCapital) {
        return new FreqtradeBotSpec(botName, "Demo" + botName, "1h", startingCapital, 3, -0.1, "freqtrader",
                botName.toLowerCase(java.util.Locale.ROOT) + "-password", botName + "-jwt-secret", 0, Duration.ofDays(10));
    }

    public FreqtradeBotSpec withPort(int newPort) {
        return new FreqtradeBotSpec(botName, strategy, timeframe, startingCapital, maxOpenTrades, stoploss, username,
                password, jwtSecret, newPort, uptimeBeforeStart);
    }
}
