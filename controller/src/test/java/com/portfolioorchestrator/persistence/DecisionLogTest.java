package com.portfolioorchestrator.persistence;

import static com.portfolioorchestrator.persistence.Fixtures.T0;
import static com.portfolioorchestrator.persistence.Fixtures.allowed;
import static com.portfolioorchestrator.persistence.Fixtures.denied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DecisionLogTest {
    /** Only the size trigger and flush() cut batches: the time trigger never fires during a test. */
    private static final Duration NO_TIME_TRIGGER = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Path file;
    private Database database;
    private DecisionLog log;

    @BeforeEach
    void open() {
        file = dir.resolve("orchestrator.db");
        database = Database.open(file);
    }

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
        database.close();
    }

    @Test
    void append_fromFourThreads_storesEveryRecordExactlyOnceInBoundedBatches() throws Exception {
        int threads = 4;
        int perThread = 2_500;
        int maxBatch = 500;
        log = DecisionLog.start(database, new DecisionLog.Settings(20_000, maxBatch, NO_TIME_TRIGGER));
        List<Thread> producers = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (int t = 0; t < threads; t++) {
            String bot = "S" + (t + 1);
            List<DecisionRecord> records = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                records.add(allowed(bot + "-d-" + i, bot, "r-" + i, T0.plusMillis(i)));
                expected.add(bot + "-d-" + i);
            }
            producers.add(new Thread(() -> records.forEach(record -> assertThat(log.append(record)).isTrue())));
        }
        producers.forEach(Thread::start);
        for (Thread producer : producers) {
            producer.join();
        }

        log.flush();

        List<String> stored = Fixtures.strings(file, "SELECT decision_id FROM decisions");
        assertThat(stored).hasSize(threads * perThread);
        assertThat(new HashSet<>(stored)).isEqualTo(expected);
        assertThat(log.committedCount()).isEqualTo(10_000);
        assertThat(log.droppedCount() + log.duplicateCount() + log.rejectedCount() + log.lostCount()).isZero();
        // 10,000 / 500 = 20 full batches; at most one more if flush() cut a partial one.
        assertThat(log.batchCount()).isBetween(20L, 21L);
    }

    @Test
    @Timeout(60) // if append blocked on the stalled writer, fail instead of hanging (not a speed assertion)
    void append_whileTheWriterIsStalledOnTheDisk_returnsAtOnceWithNothingCommitted() throws Exception {
        CountDownLatch writerStalled = new CountDownLatch(1);
        CountDownLatch diskBack = new CountDownLatch(1);
        log = DecisionLog.start(database, new DecisionLog.Settings(10_000, 100, Duration.ZERO), size -> {
            writerStalled.countDown();
            diskBack.await();
        });

        assertThat(log.append(allowed("d-0", "S1", "r-0", T0))).isTrue();
        assertThat(writerStalled.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i < 1_000; i++) {
            assertThat(log.append(allowed("d-" + i, "S1", "r-" + i, T0))).isTrue();
        }

        assertThat(Fixtures.scalar(file, "SELECT count(*) FROM decisions")).isZero();
        assertThat(log.count(DecisionFilter.all())).isZero();
        assertThat(log.pendingCount()).isEqualTo(1_000);

        diskBack.countDown();
        log.flush();
        assertThat(log.count(DecisionFilter.all())).isEqualTo(1_000);
        assertThat(log.pendingCount()).isZero();
    }

    @Test
    @Timeout(60)
    void aRecordThatQueuedBehindASlowBatch_doesNotLingerAgain_andBothCountAsLate() throws Exception {
        Duration maxDelay = Duration.ofSeconds(2);
        CountDownLatch writerStalled = new CountDownLatch(1);
        CountDownLatch diskBack = new CountDownLatch(1);
        log = DecisionLog.start(database, new DecisionLog.Settings(1_000, 100, maxDelay), size -> {
            writerStalled.countDown(); // the first batch stalls; later ones pass (await on a released latch)
            diskBack.await();
        });
        log.append(denied("d-1", "S1", "r-1", T0, "FAT_FINGER")); // lingers 2 s, then stalls in its write
        assertThat(writerStalled.await(10, TimeUnit.SECONDS)).isTrue();
        log.append(denied("d-2", "S1", "r-2", T0, "FAT_FINGER")); // queues behind the stalled batch
        Thread.sleep(maxDelay.toMillis() + 100); // and is older than maxDelay when the writer takes it

        diskBack.countDown();
        long released = System.nanoTime();
        assertThat(Fixtures.eventually(() -> log.committedCount() == 2)).isTrue();
        double seconds = (System.nanoTime() - released) / 1e9;

        // lingering from when the writer took it would hold d-2 another 2 s; from its append, it is due at once
        assertThat(seconds).as("d-2 committed %.3f s after the first batch was released", seconds).isLessThan(1.5);
        assertThat(log.lateCount()).as("both committed more than 50 ms after their append").isEqualTo(2);
        assertThat(log.lastLagNanos()).isGreaterThanOrEqualTo(maxDelay.toNanos() + 100_000_000L);

        // a record committed promptly is not late (a flush wakes the lingering writer); skipped, not failed, if this
        // machine took longer than the bound itself
        long appended = System.nanoTime();
        log.append(denied("d-3", "S1", "r-3", T0, "FAT_FINGER"));
        log.flush();
        assumeTrue(System.nanoTime() - appended < DecisionLog.LATE_AFTER.toNanos(), "the flush itself took over 50 ms");
        assertThat(log.lateCount()).as("d-3 was committed within 50 ms").isEqualTo(2);
        assertThat(log.lastLagNanos()).isLessThan(DecisionLog.LATE_AFTER.toNanos());
    }

    @Test
    @Timeout(60) // if append blocked on the stalled writer, fail instead of hanging (not a speed assertion)
    void append_whenTheQueueIsFull_dropsAndCountsInsteadOfBlocking() throws Exception {
        CountDownLatch writerStalled = new CountDownLatch(1);
        CountDownLatch diskBack = new CountDownLatch(1);
        log = DecisionLog.start(database, new DecisionLog.Settings(100, 10, Duration.ZERO), size -> {
            writerStalled.countDown();
            diskBack.await();
        });
        log.append(allowed("d-first", "S1", "r-first", T0));
        assertThat(writerStalled.await(10, TimeUnit.SECONDS)).isTrue();

        int accepted = 0;
        for (int i = 0; i < 150; i++) {
            accepted += log.append(allowed("d-" + i, "S1", "r-" + i, T0)) ? 1 : 0;
        }
        CompletableFuture<Boolean> receipt = log.appendWithReceipt(allowed("d-late", "S1", "r-late", T0));

        assertThat(accepted).isEqualTo(100);
        assertThat(log.droppedCount()).isEqualTo(51);
        assertThat(receipt).isCompletedExceptionally();
        diskBack.countDown();
        log.flush();
        assertThat(log.count(DecisionFilter.all())).isEqualTo(101);
        assertThat(log.findById("d-99")).isPresent();
        assertThat(log.findById("d-100")).isEmpty();
    }

    @Test
    void defaultQueue_absorbsOneSecondAt50kDecisionsPerSecond() {
        assertThat(DecisionLog.Settings.defaults().queueCapacity()).isGreaterThanOrEqualTo(50_000);
        assertThat(DecisionLog.Settings.defaults().maxDelay()).isLessThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void append_withoutFlush_isCommittedByTheTimeTrigger() throws Exception {
        log = DecisionLog.start(database, DecisionLog.Settings.defaults());

        log.append(allowed("d-1", "S1", "r-1", T0));

        assertThat(Fixtures.eventually(() -> log.committedCount() == 1)).isTrue();
        assertThat(Fixtures.scalar(file, "SELECT count(*) FROM decisions")).isEqualTo(1);
    }

    @Test
    void appendWithReceipt_completesAfterCommit_withFalseForADuplicate() throws Exception {
        log = DecisionLog.start(database, new DecisionLog.Settings(1_000, 100, NO_TIME_TRIGGER));

        Boolean first = log.appendWithReceipt(allowed("d-1", "S1", "r-1", T0)).get(10, TimeUnit.SECONDS);
        assertThat(first).isTrue();
        assertThat(Fixtures.strings(file, "SELECT decision_id FROM decisions")).containsExactly("d-1");

        Boolean again = log.appendWithReceipt(allowed("d-2", "S1", "r-1", T0)).get(10, TimeUnit.SECONDS);
        assertThat(again).isFalse();
    }

    @Test
    void aReceiptAppendedWhileTheWriterLingers_wakesItAtOnce() throws Exception {
        log = DecisionLog.start(database, new DecisionLog.Settings(1_000, 100, NO_TIME_TRIGGER));
        log.append(denied("d-1", "S1", "r-1", T0, "FAT_FINGER")); // the writer takes it and lingers (60 s)
        Thread.sleep(50);

        Boolean committed = log.appendWithReceipt(allowed("d-2", "S2", "r-2", T0)).get(5, TimeUnit.SECONDS);

        assertThat(committed).isTrue();
        assertThat(Fixtures.strings(file, "SELECT decision_id FROM decisions ORDER BY decision_id"))
                .as("the lingering batch is committed with it").containsExactly("d-1", "d-2");
    }

    @Test
    void sameBotAndRequestId_isStoredOnce_theFirstWins() throws Exception {
        log = DecisionLog.start(database, new DecisionLog.Settings(1_000, 100, NO_TIME_TRIGGER));
        DecisionRecord first = allowed("d-1", "S1", "r-1", T0);

        log.append(first);
        log.append(denied("d-2", "S1", "r-1", T0.plusSeconds(1), "KILL_SWITCH"));
        log.append(allowed("d-1", "S2", "r-9", T0));
        log.append(allowed("d-3", "S2", "r-1", T0));
        log.flush();

        assertThat(log.findByRequestId("S1", "r-1")).contains(first);
        assertThat(log.findByRequestId("S2", "r-1").map(DecisionRecord::decisionId)).contains("d-3");
        assertThat(log.count(DecisionFilter.all())).isEqualTo(2);
        assertThat(log.duplicateCount()).isEqualTo(2);
        assertThatThrownBy(() -> Fixtures.execute(file, "INSERT INTO decisions VALUES"
                + " ('d-x', 'r-1', 'S1', 0, 1, NULL, '{}', '{}', 1.0)"))
                .as("the database itself enforces unique (bot_id, request_id)")
                .hasMessageContaining("UNIQUE constraint failed: decisions.bot_id, decisions.request_id");
    }

    @Test
    void aRowTheDatabaseRejects_isDroppedAlone_theRestOfItsBatchIsKept() throws Exception {
        log = DecisionLog.start(database, new DecisionLog.Settings(1_000, 100, NO_TIME_TRIGGER));
        DecisionRecord notJson = DecisionRecord.allowed("d-bad", "r-bad", "S1", T0, "{truncated", "{}", 1.0);

        log.append(allowed("d-1", "S1", "r-1", T0));
        CompletableFuture<Boolean> bad = log.appendWithReceipt(notJson);
        log.append(allowed("d-2", "S1", "r-2", T0));
        log.flush();

        assertThat(Fixtures.strings(file, "SELECT decision_id FROM decisions ORDER BY decision_id"))
                .containsExactly("d-1", "d-2");
        assertThat(log.rejectedCount()).isEqualTo(1);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("d-bad was not logged").hasMessageContaining("json_valid(request_json)");
    }

    @Test
    void find_appliesEachFilterAndPagesNewestFirst() {
        log = DecisionLog.start(database, new DecisionLog.Settings(1_000, 100, NO_TIME_TRIGGER));
        log.append(allowed("a1", "S1", "r1", T0));
        log.append(denied("a2", "S1", "r2", T0.plusSeconds(10), "DAILY_LOSS_HARD"));
        log.append(denied("b1", "S2", "r1", T0.plusSeconds(20), "KILL_SWITCH"));
        log.append(allowed("b2", "S2", "r2", T0.plusSeconds(30)));
        log.append(denied("a3", "S1", "r3", T0.plusSeconds(30), "KILL_SWITCH"));
        log.append(allowed("a4", "S1", "r4", T0.plusSeconds(40)));
        log.flush();

        assertThat(ids(DecisionFilter.all(), 100, 0)).containsExactly("a4", "a3", "b2", "b1", "a2", "a1");
        assertThat(ids(DecisionFilter.all().withBot("S1"), 100, 0)).containsExactly("a4", "a3", "a2", "a1");
        assertThat(ids(DecisionFilter.all().withSince(T0.plusSeconds(30)), 100, 0)).containsExactly("a4", "a3", "b2");
        assertThat(ids(DecisionFilter.all().withSince(T0.plusSeconds(30).plusMillis(1)), 100, 0)).containsExactly("a4");
        assertThat(ids(DecisionFilter.all().withDenied(true), 100, 0)).containsExactly("a3", "b1", "a2");
        assertThat(ids(DecisionFilter.all().withDenied(false), 100, 0)).containsExactly("a4", "b2", "a1");
        assertThat(ids(DecisionFilter.all().withDenyCode("KILL_SWITCH"), 100, 0)).containsExactly("a3", "b1");
        assertThat(ids(DecisionFilter.all().withBot("S1").withDenied(true).withSince(T0.plusSeconds(5)), 100, 0))
                .containsExactly("a3", "a2");
        assertThat(ids(DecisionFilter.all(), 2, 0)).containsExactly("a4", "a3");
        assertThat(ids(DecisionFilter.all(), 2, 2)).containsExactly("b2", "b1");
        assertThat(ids(DecisionFilter.all(), 2, 6)).isEmpty();
        assertThat(log.count(DecisionFilter.all())).isEqualTo(6);
        assertThat(log.count(DecisionFilter.all().withBot("S2").withDenyCode("KILL_SWITCH"))).isEqualTo(1);
        assertThat(log.count(DecisionFilter.all().withBot("S9"))).isZero();
    }

    @Test
    void find_withOutOfRangePaging_namesTheParameter() {
        log = DecisionLog.start(database, DecisionLog.Settings.defaults());
        assertThatThrownBy(() -> log.find(DecisionFilter.all(), 0, 0)).hasMessage("limit must be in [1, 10000], was 0");
        assertThatThrownBy(() -> log.find(DecisionFilter.all(), 10, -1)).hasMessage("offset must be >= 0, was -1");
        assertThatThrownBy(() -> DecisionFilter.all().withBot(" ")).hasMessage("bot must not be blank, was ' '");
    }

    @Test
    void close_drainsTheQueue_andAReopenedDatabaseHasEveryRecordUnchanged() throws SQLException {
        log = DecisionLog.start(database, new DecisionLog.Settings(10_000, 64, NO_TIME_TRIGGER));
        List<DecisionRecord> written = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            DecisionRecord record = i % 3 == 0
                    ? denied("d-" + i, "S" + (i % 7 + 1), "r-" + i, T0.plusMillis(i * 7L),
                            "CORRELATION_GROUP_FULL")
                    : allowed("d-" + i, "S" + (i % 7 + 1), "r-" + i, T0.plusNanos(i * 1_234_567L));
            written.add(record);
            log.append(record);
        }

        log.close();
        log = null;
        database.close();
        database = Database.open(file);
        log = DecisionLog.start(database, DecisionLog.Settings.defaults());

        assertThat(log.count(DecisionFilter.all())).isEqualTo(1_000);
        for (DecisionRecord record : written) {
            assertThat(log.findById(record.decisionId())).contains(record);
        }
    }

    @Test
    void append_afterClose_isDroppedAndCounted() {
        log = DecisionLog.start(database, DecisionLog.Settings.defaults());
        log.close();

        assertThat(log.append(allowed("d-1", "S1", "r-1", T0))).isFalse();
        assertThat(log.droppedCount()).isEqualTo(1);
    }

    @Test
    void decisionRecord_validatesEveryFieldByName() {
        assertThatThrownBy(() -> DecisionRecord.allowed(" ", "r", "S1", T0, "{}", "{}", 1))
                .hasMessage("decision_id must not be blank, was ' '");
        assertThatThrownBy(() -> DecisionRecord.allowed("d", "r", "", T0, "{}", "{}", 1))
                .hasMessage("bot_id must not be blank, was ''");
        assertThatThrownBy(() -> DecisionRecord.allowed("d", "r", "S1", null, "{}", "{}", 1))
                .hasMessage("received_at must not be null");
        assertThatThrownBy(() -> DecisionRecord.allowed("d", "r", "S1", T0, null, "{}", 1))
                .hasMessage("request_json must not be null");
        assertThatThrownBy(() -> DecisionRecord.allowed("d", "r", "S1", T0, "{}", "{}", Double.NaN))
                .hasMessage("latency_us must be a finite number, was NaN");
        assertThatThrownBy(() -> DecisionRecord.allowed("d", "r", "S1", T0, "{}", "{}", -0.5))
                .hasMessage("latency_us must be >= 0, was -0.5");
        assertThatThrownBy(() -> new DecisionRecord("d", "r", "S1", T0, true, Optional.of("KILL_SWITCH"), "{}", "{}",
                1)).hasMessage("deny_code must be empty when allowed, was 'KILL_SWITCH'");
        assertThatThrownBy(() -> new DecisionRecord("d", "r", "S1", T0, false, Optional.empty(), "{}", "{}", 1))
                .hasMessage("deny_code must be present when denied, was empty");
        assertThat(DecisionRecord.allowed("d", "r", "S1", T0.plusNanos(1_999_999), "{}", "{}", 0).receivedAt())
                .as("stored precision").isEqualTo(T0.plusMillis(1));
    }

    private List<String> ids(DecisionFilter filter, int limit, int offset) {
        return log.find(filter, limit, offset).stream().map(DecisionRecord::decisionId).toList();
    }
}
