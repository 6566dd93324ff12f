package com.portfolioorchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.portfolioorchestrator.core.EntryKind;
import com.portfolioorchestrator.core.OrderType;
import com.portfolioorchestrator.core.Pair;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.TestPolicies;
import com.portfolioorchestrator.core.engine.DecisionEngine;
import com.portfolioorchestrator.core.engine.DecisionRequest;
import com.portfolioorchestrator.core.engine.EngineState;
import com.portfolioorchestrator.core.ledger.LedgerEntry;
import com.portfolioorchestrator.core.ledger.LedgerEntryType;
import com.portfolioorchestrator.core.policy.Profile;
import com.portfolioorchestrator.core.policy.ProfileName;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import com.portfolioorchestrator.core.policy.Toggles;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The state commit as a group commit: a decider returns only once a state containing its change is committed, one
 * write covers every waiter whose change it contains, an older state never overwrites a newer one, a failed write
 * marks nothing committed.
 */
class DecisionServiceGroupCommitTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final List<String> BOTS = List.of("S1", "S2", "S3", "S4", "S5", "S6", "S7");
    private final AtomicInteger ids = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * Real engine and policy; every toggled rule off and room for 1,000 open entries so that every request here is
     * allowed and reserves (the rules themselves are not under test).
     */
    private DecisionService service(DecisionService.StateSink sink) {
        RiskPolicy policy = TestPolicies.builder().onlyToggles(Toggles.of(Set.of()))
                .profile(new Profile(ProfileName.BALANCED, 2.5, 1000, 0.014, 0.18, 1.0, 0.030))
                .maxOpenPositions(1000).build();
        DecisionEngine engine = FakeJournal.readyEngine(policy, T0);
        return new DecisionService(engine, Clock.fixed(T0, ZoneOffset.UTC), new FakeJournal(), sink, events -> { },
                r -> "d-" + ids.incrementAndGet(), (d, us) -> d.decisionId().getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(1), 100_000);
    }

    private static DecisionRequest request(String botId, String id) {
        return new DecisionRequest(id, botId, Pair.parse("BTC/USDT:USDT"), Side.LONG, EntryKind.ENTRY, 100, 1, 90_000,
                OptionalDouble.of(88_000), 0, OrderType.LIMIT, OptionalDouble.of(1), OptionalDouble.of(1),
                OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(), 1, Optional.empty());
    }

    private static Set<String> reservations(EngineState state) {
        return state.ledger().stream().filter(e -> e.type() == LedgerEntryType.RESERVATION).map(LedgerEntry::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the engine holds {@code n} reservations: the deciders that made them have taken their snapshots. */
    private static void awaitReservations(DecisionService service, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (service.read(e -> e.reservations().size()) < n) {
            assertThat(System.nanoTime()).as("%d reservations within 30 s", n).isLessThan(deadline);
            sleepMs(1);
        }
    }

    /** One write the sink completed. */
    private record Written(long ledgerNextSequence, Set<String> reservations, boolean full) {}

    @Test
    void concurrentAllowedDecisions_eachReturnsAfterItsReservationIsCommitted_inFarFewerCommitsThanDecisions()
            throws Exception {
        int threads = 16;
        int perThread = 25;
        List<Written> written = Collections.synchronizedList(new ArrayList<>());
        Set<String> committed = ConcurrentHashMap.newKeySet();
        AtomicInteger writing = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        DecisionService service = service((state, full) -> {
            if (writing.incrementAndGet() != 1) {
                overlapped.set(true);
            }
            sleepMs(2); // an SQLite transaction of the whole safety state
            Set<String> ids = reservations(state);
            written.add(new Written(state.ledgerNextSequence(), ids, full));
            committed.addAll(ids); // committed from here on
            writing.decrementAndGet();
        });

        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String bot = BOTS.get(t % BOTS.size());
            int thread = t;
            results.add(pool.submit(() -> {
                start.await();
                List<String> notCommittedOnReturn = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    String requestId = "t" + thread + "-" + i;
                    DecisionService.Outcome o = service.decide(request(bot, requestId), "body-" + requestId);
                    String id = o.decision().orElseThrow().decisionId();
                    if (!o.decision().orElseThrow().allowed()) {
                        notCommittedOnReturn.add(id + " (denied)");
                    } else if (!committed.contains(id)) {
                        notCommittedOnReturn.add(id);
                    }
                }
                return notCommittedOnReturn;
            }));
        }
        start.countDown();
        List<String> failures = new ArrayList<>();
        for (Future<List<String>> f : results) {
            failures.addAll(f.get(60, TimeUnit.SECONDS));
        }

        int decisions = threads * perThread;
        assertThat(failures).as("every decision allowed, and its reservation committed before decide returned").isEmpty();
        assertThat(overlapped).as("writes are serialised").isFalse();
        List<Written> writes = List.copyOf(written);
        assertThat(writes).allMatch(w -> !w.full());
        assertThat(writes.size()).as("one write covers many waiting deciders (%d writes for %d decisions)",
                writes.size(), decisions).isLessThan(decisions / 3);
        for (int i = 1; i < writes.size(); i++) {
            assertThat(writes.get(i).ledgerNextSequence()).as("committed states only get newer (write %d)", i)
                    .isGreaterThan(writes.get(i - 1).ledgerNextSequence());
        }
        assertThat(writes.get(writes.size() - 1).reservations()).as("the last write holds every reservation")
                .hasSize(decisions);
    }

    @Test
    void decidersWaitingBehindAWrite_areAllCoveredByOneWriteOfTheNewestSnapshot() throws Exception {
        CountDownLatch firstWriting = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<Set<String>> written = Collections.synchronizedList(new ArrayList<>());
        DecisionService service = service((state, full) -> {
            if (written.isEmpty()) {
                firstWriting.countDown();
                await(releaseFirst);
            }
            written.add(reservations(state));
        });

        Future<DecisionService.Outcome> first = pool.submit(() -> service.decide(request("S1", "r-1"), "body-1"));
        assertThat(firstWriting.await(30, TimeUnit.SECONDS)).isTrue();
        // while d-1's state is being written, eight more deciders reserve and wait
        List<Future<DecisionService.Outcome>> waiting = new ArrayList<>();
        for (int i = 2; i <= 9; i++) {
            String requestId = "r-" + i;
            String bot = BOTS.get(i % BOTS.size());
            waiting.add(pool.submit(() -> service.decide(request(bot, requestId), "body-" + requestId)));
        }
        awaitReservations(service, 9);
        assertThat(waiting).as("none returns while its reservation is not committed").noneMatch(Future::isDone);
        releaseFirst.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS).decision().orElseThrow().allowed()).isTrue();
        for (Future<DecisionService.Outcome> f : waiting) {
            assertThat(f.get(30, TimeUnit.SECONDS).decision().orElseThrow().allowed()).isTrue();
        }
        assertThat(written).as("one write of the newest state for all eight waiters")
                .containsExactly(Set.of("d-1"), Set.of("d-1", "d-2", "d-3", "d-4", "d-5", "d-6", "d-7", "d-8", "d-9"));
    }

    @Test
    void aFailedWrite_reachesItsCaller_andALaterDecisionCommitsBoth() {
        RuntimeException diskFull = new IllegalStateException("disk full");
        AtomicInteger calls = new AtomicInteger();
        List<Set<String>> written = new ArrayList<>();
        DecisionService service = service((state, full) -> {
            if (calls.incrementAndGet() == 1) {
                throw diskFull;
            }
            written.add(reservations(state));
        });

        assertThatThrownBy(() -> service.decide(request("S1", "r-1"), "body-1"))
                .isInstanceOf(DecisionService.UnavailableException.class).hasMessageContaining("disk full");
        assertThat(written).isEmpty();
        assertThat(service.decide(request("S1", "r-1"), "body-1").settled())
                .as("a resend of the failed decision is never answered as if it were durable").isCompletedExceptionally();

        DecisionService.Outcome second = service.decide(request("S2", "r-2"), "body-2");
        assertThat(second.decision().orElseThrow().allowed()).isTrue();
        assertThat(written).containsExactly(Set.of("d-1", "d-2"));
    }

    @Test
    void aFailedWrite_marksNothingCommitted_soAWaiterItWouldHaveCoveredWritesItself() throws Exception {
        RuntimeException diskFull = new IllegalStateException("disk full");
        CountDownLatch firstWriting = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        List<Set<String>> attempted = Collections.synchronizedList(new ArrayList<>());
        List<Set<String>> written = Collections.synchronizedList(new ArrayList<>());
        DecisionService service = service((state, full) -> {
            int call = calls.incrementAndGet();
            attempted.add(reservations(state));
            if (call == 1) {
                firstWriting.countDown();
                await(releaseFirst);
            } else if (call == 2) {
                throw diskFull;
            }
            written.add(reservations(state));
        });

        Future<DecisionService.Outcome> a = pool.submit(() -> service.decide(request("S1", "r-1"), "body-1"));
        assertThat(firstWriting.await(30, TimeUnit.SECONDS)).isTrue();
        // while d-1's state is being written, two more deciders reserve and wait for the commit lock
        Future<DecisionService.Outcome> b = pool.submit(() -> service.decide(request("S2", "r-2"), "body-2"));
        Future<DecisionService.Outcome> c = pool.submit(() -> service.decide(request("S3", "r-3"), "body-3"));
        awaitReservations(service, 3);
        assertThat(b.isDone() || c.isDone()).as("neither returns while its state is not committed").isFalse();
        releaseFirst.countDown();

        assertThat(a.get(30, TimeUnit.SECONDS).decision().orElseThrow().allowed()).isTrue();
        int failed = 0;
        for (Future<DecisionService.Outcome> f : List.of(b, c)) {
            try {
                assertThat(f.get(30, TimeUnit.SECONDS).decision().orElseThrow().allowed()).isTrue();
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(DecisionService.UnavailableException.class)
                        .hasMessageContaining(diskFull.getMessage());
                failed++;
            }
        }
        assertThat(failed).as("exactly the caller whose write failed gets the exception").isEqualTo(1);
        assertThat(attempted).as("the failed write held both waiters' reservations, and was written again")
                .containsExactly(Set.of("d-1"), Set.of("d-1", "d-2", "d-3"), Set.of("d-1", "d-2", "d-3"));
        assertThat(written).containsExactly(Set.of("d-1"), Set.of("d-1", "d-2", "d-3"));
    }

    @Test
    void saveAll_writesTheFullState_evenWhenNothingChanged() {
        List<Written> written = new ArrayList<>();
        DecisionService service = service((state, full) ->
                written.add(new Written(state.ledgerNextSequence(), reservations(state), full)));

        service.decide(request("S1", "r-1"), "body-1");
        service.saveAll();
        service.saveAll();

        assertThat(written).extracting(Written::full).containsExactly(false, true, true);
        assertThat(written).extracting(Written::reservations).containsOnly(Set.of("d-1"));
    }
}
