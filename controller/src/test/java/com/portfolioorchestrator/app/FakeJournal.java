package com.portfolioorchestrator.app;

import com.portfolioorchestrator.core.engine.BotHealth;
import com.portfolioorchestrator.core.engine.DecisionEngine;
import com.portfolioorchestrator.core.policy.BotPolicy;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The audit log as {@link DecisionService} sees it, in memory: each append's commit is a future the test completes;
 * resends of older decisions are answered from {@link #stored} (by "bot/request_id") and every such lookup is listed.
 */
final class FakeJournal implements DecisionService.Journal {
    final List<CompletableFuture<Object>> commits = Collections.synchronizedList(new ArrayList<>());
    final Map<String, byte[]> stored = new ConcurrentHashMap<>();
    final List<String> lookups = Collections.synchronizedList(new ArrayList<>());

    @Override
    public CompletableFuture<?> append(DecisionService.JournalEntry entry) {
        CompletableFuture<Object> commit = new CompletableFuture<>();
        commits.add(commit);
        return commit;
    }

    @Override
    public Optional<byte[]> storedResponse(String botId, String requestId) {
        lookups.add(botId + "/" + requestId);
        return Optional.ofNullable(stored.get(botId + "/" + requestId));
    }

    /** A real engine for {@code policy} that can decide at {@code t0}: equity 100,000, every bot fresh, events drained. */
    static DecisionEngine readyEngine(RiskPolicy policy, Instant t0) {
        DecisionEngine engine = new DecisionEngine(policy);
        engine.onEquity(t0, 100_000, 0);
        for (BotPolicy b : policy.bots()) {
            engine.onBotHealth(b.id(), BotHealth.FRESH, t0);
        }
        engine.onPortfolioStale(false);
        engine.drainEvents();
        return engine;
    }
}
