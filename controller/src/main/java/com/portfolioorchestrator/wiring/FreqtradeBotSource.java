package com.portfolioorchestrator.wiring;

import com.portfolioorchestrator.adapters.freqtrade.FreqtradeClient;
import com.portfolioorchestrator.adapters.freqtrade.FreqtradeException;
import com.portfolioorchestrator.adapters.freqtrade.LockRequest;
import com.portfolioorchestrator.app.polling.ports.BotCommands;
import com.portfolioorchestrator.app.polling.ports.FreqtradeSource;
import com.portfolioorchestrator.app.polling.ports.GlobalLock;
import com.portfolioorchestrator.app.polling.ports.SourceException;
import com.portfolioorchestrator.app.portfolio.source.BotBalance;
import com.portfolioorchestrator.app.portfolio.source.BotConfig;
import com.portfolioorchestrator.app.portfolio.source.BotProfit;
import com.portfolioorchestrator.app.portfolio.source.Candle;
import com.portfolioorchestrator.app.portfolio.source.ClosedTrade;
import com.portfolioorchestrator.app.portfolio.source.DailyProfit;
import com.portfolioorchestrator.app.portfolio.source.OpenTrade;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** The ports of one bot over its {@link FreqtradeClient}: adapter failures become {@link SourceException}s. */
public final class FreqtradeBotSource implements FreqtradeSource, BotCommands {
    private final String botId;
    private final FreqtradeClient client;

    public FreqtradeBotSource(String botId, FreqtradeClient client) {
        this.botId = Objects.requireNonNull(botId, "botId");
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public String botId() {
        return botId;
    }

    @Override
    public BotConfig showConfig() {
        return FreqtradeSnapshots.parse(call(client::getShowConfig));
    }

    @Override
    public Optional<Instant> heartbeat() {
        return FreqtradeSnapshots.parse(call(client::getHealth));
    }

    @Override
    public BotBalance balance() {
        return FreqtradeSnapshots.parse(call(client::getBalance));
    }

    @Override
    public List<OpenTrade> openTrades() {
        return FreqtradeSnapshots.parseOpen(call(client::getStatus));
    }

    @Override
    public List<ClosedTrade> newestClosedTrades(int count) {
        return FreqtradeSnapshots.parseClosed(call(() -> client.getNewestTrades(count)));
    }

    @Override
    public BotProfit profit() {
        return FreqtradeSnapshots.parse(call(client::getProfit));
    }

    @Override
    public List<DailyProfit> daily(int days) {
        return FreqtradeSnapshots.parse(call(() -> client.getDaily(days)));
    }

    @Override
    public List<Candle> candles(String pair, String timeframe, int limit) {
        return FreqtradeSnapshots.parse(call(() -> client.getPairCandles(pair, timeframe, limit)));
    }

    @Override
    public List<GlobalLock> lockAll(Instant until, String reason) {
        return FreqtradeSnapshots.parse(call(() -> client.postLocks(List.of(LockRequest.global(until, reason)))));
    }

    @Override
    public List<GlobalLock> globalLocks() {
        return FreqtradeSnapshots.parse(call(client::getLocks));
    }

    @Override
    public void deleteLock(long lockId) {
        call(() -> client.deleteLock(lockId));
    }

    @Override
    public String forceExitAll() {
        return call(client::forceExitAll).result();
    }

    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (FreqtradeException e) {
            throw new SourceException(e.kind().name(), e.isRetryable(), botId + " " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "FreqtradeBotSource[" + botId + ", " + client + "]";
    }
}
