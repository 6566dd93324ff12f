package com.portfolioorchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.portfolioorchestrator.core.EntryKind;
import com.portfolioorchestrator.core.OrderType;
import com.portfolioorchestrator.core.Pair;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.TestPolicies;
import com.portfolioorchestrator.core.engine.Decision;
import com.portfolioorchestrator.core.engine.DecisionEngine;
import com.portfolioorchestrator.core.engine.DecisionRequest;
import com.portfolioorchestrator.core.engine.EngineState;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The use case around the engine: idempotency, what is committed when, and when an answer may be sent. */
class DecisionServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final List<Boolean> stateCommits = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final FakeJournal journal = new FakeJournal();
    private DecisionService service;

    @BeforeEach
    void setUp() {
        RiskPolicy policy = TestPolicies.defaults();
        DecisionEngine engine = FakeJournal.readyEngine(policy, T0);
        DecisionService.StateSink sink = (EngineState state, boolean full) -> stateCommits.add(full);
        service = new DecisionService(engine, Clock.fixed(T0, ZoneOffset.UTC), journal, sink, events -> { },
                r -> "d-" + ids.incrementAndGet(), DecisionServiceTest::render, Duration.ofHours(1), 100_000);
    }

    /** A stand-in for the API's JSON: enough to tell answers apart. */
    private static byte[] render(Decision d, double evaluatedUs) {
        return ("{\"decision_id\":\"" + d.decisionId() + "\",\"allowed\":" + d.allowed() + "}").getBytes(StandardCharsets.UTF_8);
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
        service.record(request("r-1", 500), "{}", first);

        DecisionService.Outcome resend = service.decide(request("r-1", 500), "body-1");
        assertThat(resend.replay()).isTrue();
        assertThat(resend.response()).as("the original answer, byte for byte").isEqualTo(first.response())
                .asString(StandardCharsets.UTF_8).contains(first.decision().orElseThrow().decisionId());
        assertThat(journal.lookups).as("a recent answer is repeated from memory").isEmpty();
        assertThat(resend.settled()).as("a resend must wait while the original's audit record is not committed").isNotDone();

        journal.commits.get(0).complete(true);
        assertThat(resend.settled()).isDone();
        assertThat(journal.commits).as("a replay is not journaled again").hasSize(1);
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
    void resendWhoseAnswerIsNeitherInMemoryNorInTheLog_isUnavailable_andADifferentBodyIsStillAConflict() {
        service.rememberStored("S1", "r-old", "body-old", "d-lost");

        assertThatThrownBy(() -> service.decide(request("r-old", 500), "body-old"))
                .isInstanceOf(DecisionService.UnavailableException.class)
                .hasMessageContaining("r-old").hasMessageContaining("d-lost");
        assertThat(journal.lookups).containsExactly("S1/r-old");
        assertThatThrownBy(() -> service.decide(request("r-old", 600), "another body"))
                .isInstanceOf(DecisionService.ConflictException.class);
        assertThat(stateCommits).as("never decided again").isEmpty();
    }

    @Test
    void decisionRememberedFromBeforeARestart_isRepeatedFromTheLog_andIsNotDecidedAgain() {
        journal.stored.put("S1/r-9", "{\"decision_id\":\"d-before\"}".getBytes(StandardCharsets.UTF_8));
        service.rememberStored("S1", "r-9", "body-9", "d-before");

        DecisionService.Outcome resend = service.decide(request("r-9", 500), "body-9");

        assertThat(resend.replay()).isTrue();
        assertThat(resend.settled()).isDone();
        assertThat(new String(resend.response(), StandardCharsets.UTF_8)).isEqualTo("{\"decision_id\":\"d-before\"}");
        assertThat(service.decide(request("r-9", 500), "body-9").response()).isEqualTo(resend.response());
        assertThat(journal.lookups).as("read from the log once, then held in memory again").containsExactly("S1/r-9");
        assertThat(stateCommits).as("nothing reserved").isEmpty();
        assertThat(service.botOfDecision("d-before")).contains("S1");
    }

    @Test
    void saveAll_commitsTheFullState() {
        service.saveAll();
        assertThat(stateCommits).containsExactly(true);
    }
}
