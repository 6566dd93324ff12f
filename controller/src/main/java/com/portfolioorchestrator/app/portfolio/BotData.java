package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.app.portfolio.source.BotBalance;
import com.portfolioorchestrator.app.portfolio.source.BotConfig;
import com.portfolioorchestrator.app.portfolio.source.BotProfit;
import com.portfolioorchestrator.app.portfolio.source.ClosedTrade;
import com.portfolioorchestrator.app.portfolio.source.DailyProfit;
import com.portfolioorchestrator.app.portfolio.source.OpenTrade;
import com.portfolioorchestrator.core.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The latest good data of one bot, as the poller holds it (a failed poll keeps the previous value).
 *
 * @param guardPolledAt the last successful guard poll ({@code /status} and {@code /health}); {@code openTrades} and
 *                      {@code heartbeat} are only meaningful when present
 * @param heartbeat     {@code /health last_process}; empty when the bot has not looped yet
 * @param closedTrades  every closed trade the poller knows of (the bootstrap's 7 days plus what came since), any order
 * @param daily         the last {@code /daily} answer, any order
 * @param lastFailure   the latest failed call, for stale reasons ("GET /api/v1/status: CONNECT ...")
 */
public record BotData(String botId, Optional<BotConfig> config, Optional<BotBalance> balance,
                      Optional<Instant> balancePolledAt, List<OpenTrade> openTrades, Optional<Instant> guardPolledAt,
                      Optional<Instant> heartbeat, List<ClosedTrade> closedTrades, List<DailyProfit> daily,
                      Optional<BotProfit> profit, Optional<String> lastFailure) {
    public BotData {
        Checks.notBlank(botId, "botId");
        Checks.notNull(config, "config");
        Checks.notNull(balance, "balance");
        Checks.notNull(balancePolledAt, "balancePolledAt");
        openTrades = List.copyOf(openTrades);
        Checks.notNull(guardPolledAt, "guardPolledAt");
        Checks.notNull(heartbeat, "heartbeat");
        closedTrades = List.copyOf(closedTrades);
        daily = List.copyOf(daily);
        Checks.notNull(profit, "profit");
        Checks.notNull(lastFailure, "lastFailure");
        if (balance.isPresent() != balancePolledAt.isPresent()) {
            throw new IllegalArgumentException("bot " + botId + ": balance and balancePolledAt go together");
        }
    }

    /** A bot never polled. */
    public static BotData empty(String botId) {
        return new BotData(botId, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty());
    }
}
