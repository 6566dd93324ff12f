package com.portfolioorchestrator.wiring;

import com.portfolioorchestrator.adapters.freqtrade.FreqtradeAuth;
import com.portfolioorchestrator.adapters.freqtrade.FreqtradeClient;
import com.portfolioorchestrator.config.BotConnection;
import com.portfolioorchestrator.config.OrchestratorConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;

/** Builds one {@link FreqtradeBotSource} per configured bot, over the process's shared OkHttp client. */
public final class FreqtradeSources {
    private FreqtradeSources() {}

    /** In config order. */
    public static List<FreqtradeBotSource> fromConfig(OrchestratorConfig config, OkHttpClient shared, Clock clock,
                                                      FreqtradeClient.Options options) {
        List<FreqtradeBotSource> sources = new ArrayList<>();
        for (BotConnection bot : config.bots()) {
            sources.add(new FreqtradeBotSource(bot.id(), new FreqtradeClient(bot.url(), auth(bot), shared, clock, options)));
        }
        return List.copyOf(sources);
    }

    /** The per-bot timeout of the pollers: the client's read timeout. */
    public static Duration perBotTimeout(FreqtradeClient.Options options) {
        return options.readTimeout();
    }

    static FreqtradeAuth auth(BotConnection bot) {
        String user = bot.username().reveal();
        String password = bot.password().reveal();
        return bot.auth() == BotConnection.AuthKind.JWT ? FreqtradeAuth.jwt(user, password)
                : FreqtradeAuth.basic(user, password);
    }
}
