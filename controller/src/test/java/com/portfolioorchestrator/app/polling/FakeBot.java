package com.portfolioorchestrator.app.polling;

import com.portfolioorchestrator.app.polling.ports.FreqtradeSource;
import com.portfolioorchestrator.app.polling.ports.SourceException;
import com.portfolioorchestrator.app.portfolio.source.BotBalance;
import com.portfolioorchestrator.app.portfolio.source.BotConfig;
import com.portfolioorchestrator.app.portfolio.source.BotProfit;
import com.portfolioorchestrator.app.portfolio.source.Candle;
import com.portfolioorchestrator.app.portfolio.source.ClosedTrade;
import com.portfolioorchestrator.app.portfolio.source.DailyProfit;
import com.portfolioorchestrator.app.portfolio.source.OpenTrade;
import com.portfolioorchestrator.app.portfolio.source.TradingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory bot: a fake of the port, with switches for failures and a gate that holds /status. */
final class FakeBot implements FreqtradeSource {
    final String id;
    final Clock clock;
    volatile double totalBot = 1000;
    volatile boolean balanceFails;
    volatile CountDownLatch statusGate; // when set, /status waits for it
    final AtomicInteger statusRunning = new AtomicInteger();
    final AtomicInteger maxStatusRunning = new AtomicInteger();
    final AtomicInteger statusCalls = new AtomicInteger();
    final List<ClosedTrade> closed = new CopyOnWriteArrayList<>();
    final List<Integer> tradeRequests = new CopyOnWriteArrayList<>();

    FakeBot(String id, Clock clock) {
        this.id = id;
        this.clock = clock;
    }

    @Override
    public String botId() {
        return id;
    }

    @Override
    public BotConfig showConfig() {
        return new BotConfig(id, "Strategy", "USDT", TradingMode.SPOT, OptionalDouble.of(-0.05), "5m");
    }

    @Override
    public Optional<Instant> heartbeat() {
        return Optional.of(clock.instant());
    }

    @Override
    public BotBalance balance() {
        if (balanceFails) {
            throw new SourceException("CONNECT", true, id + " GET /api/v1/balance: CONNECT: refused", null);
        }
        return new BotBalance(totalBot, "USDT");
    }

    @Override
    public List<OpenTrade> openTrades() {
        statusCalls.incrementAndGet();
        int running = statusRunning.incrementAndGet();
        maxStatusRunning.accumulateAndGet(running, Math::max);
        try {
            CountDownLatch gate = statusGate;
            if (gate != null) {
                gate.await();
            }
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("INTERRUPTED", false, "interrupted", e);
        } finally {
            statusRunning.decrementAndGet();
        }
    }

    @Override
    public List<ClosedTrade> newestClosedTrades(int count) {
        tradeRequests.add(count);
        List<ClosedTrade> all = new ArrayList<>(closed);
        return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
    }

    @Override
    public BotProfit profit() {
        return new BotProfit(OptionalDouble.of(1.0), OptionalDouble.of(0.1), closed.size());
    }

    @Override
    public List<DailyProfit> daily(int days) {
        return List.of();
    }

    @Override
    public List<Candle> candles(String pair, String timeframe, int limit) {
        return List.of();
    }
}
