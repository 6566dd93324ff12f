package com.portfolioorchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.portfolioorchestrator.core.EntryKind;
import com.portfolioorchestrator.core.OrderType;
import com.portfolioorchestrator.core.Pair;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.TestPolicies;
import com.portfolioorchestrator.core.engine.BotHealth;
import com.portfolioorchestrator.core.engine.DecisionEngine;
import com.portfolioorchestrator.core.engine.DecisionRequest;
import com.portfolioorchestrator.core.engine.EngineState;
import com.portfolioorchestrator.core.policy.BotPolicy;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The use case around the engine: idempotency, what is committed when, and when an answer may be sent. */
class DecisionServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final List<CompletableFuture<Object>> journalCommits = new ArrayList<>();
    private final List<Boolean> stateCommits = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private DecisionService service;

    @BeforeEach
    void setUp() {
        RiskPolicy policy = TestPolicies.defaults();
        DecisionEngine engine = new DecisionEngine(policy);
        engine.onEquity(T0, 100_000, 0);
        for (BotPolicy b : policy.bots()) {
            engine.onBotHealth(b.id(), BotHealth.FRESH, T0);
        }
        engine.onPortfolioStale(false);
        engine.drainEvents();
        DecisionService.Journal journal = entry -> {
            CompletableFuture<Object> commit = new CompletableFuture<>();
            journalCommits.add(commit);
            return commit;
        };
        DecisionService.StateSink sink = (EngineState state, boolean full) -> stateCommits.add(full);
        service = new DecisionService(engine, Clock.fixed(T0, ZoneOffset.UTC), journal, sink, events -> { },
                r -> "d-" + ids.incrementAndGet(), Duration.ofHours(1), 1000);
    }

    private static DecisionRequest request(String id, double stake) {
        return new DecisionRequest(id, "S1", Pair.parse("BTC/USDT:USDT"), Side.LONG, EntryKind.ENTRY, stake, 1, 90_000,
                OptionalDouble.of(88_000), 0, OrderType.LIMIT, OptionalDouble.of(1), OptionalDouble.of(1),
                OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(), 1, Optional.empty());
    }

    @Test
    void allowed_commitsTheSafetyStateBeforeReturning_andIsSettledOnlyWhenItsAuditRecordIsCommitted() {
        DecisionService.Outcome first = service.decide(request("r-1", 500), "body-1");
        assertThat(first.decision().orElseThrow().allowed()).isTrue();
        assertThat(stateCommits).as("the reservation is committed before decide returns").containsExactly(false);
        service.record(request("r-1", 500), "{}", first, "{\"decision_id\":\"d-1\"}");

        DecisionService.Outcome resend = service.decide(request("r-1", 500), "body-1");
        assertThat(resend.replay()).isTrue();
        assertThat(resend.decision().orElseThrow().decisionId()).isEqualTo(first.decision().orElseThrow().decisionId());
        assertThat(resend.settled()).as("a resend must wait while the original's audit record is not committed").isNotDone();

        journalCommits.get(0).complete(true);
        assertThat(resend.settled()).isDone();
        assertThat(journalCommits).as("a replay is not journaled again").hasSize(1);
        assertThat(stateCommits).as("a replay commits nothing").hasSize(1);
    }

    @Test
    void denied_isSettledAtOnce_andCommitsNothingWithoutAnEvent() {
        DecisionService.Outcome d = service.decide(request("r-2", 9_000_000), "body-2"); // fat finger
        assertThat(d.decision().orElseThrow().allowed()).isFalse();
        assertThat(d.settled()).isDone();
        assertThat(stateCommits).isEmpty();
    }

    @Test
    void sameRequestIdWithAnotherBody_isAConflict() {
        service.decide(request("r-3", 500), "body-3");
        assertThatThrownBy(() -> service.decide(request("r-3", 600), "body-3b"))
                .isInstanceOf(DecisionService.ConflictException.class);
    }

    @Test
    void saveAll_commitsTheFullState() {
        service.saveAll();
        assertThat(stateCommits).containsExactly(true);
    }
}
