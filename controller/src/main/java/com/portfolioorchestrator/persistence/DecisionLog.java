package com.portfolioorchestrator.persistence;

import com.portfolioorchestrator.core.Checks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only decision audit log, written asynchronously so that the decision path never waits on the disk.
 *
 * <p>{@link #append} offers the record to a bounded queue and returns at once; it never blocks and never throws on a
 * full queue: the record is dropped, counted ({@link #droppedCount()}) and a warning is logged at most once a minute.
 * One writer thread takes records off the queue and commits them in batches: a batch is committed when it holds
 * {@link Settings#maxBatchSize()} records, or {@link Settings#maxDelay()} after its first (oldest) record was
 * appended, or at once when a {@link #flush()} or an {@link #appendWithReceipt} is waiting. The linger counts from the
 * append, not from when the writer takes the record: a record that waited in the queue while the previous batch was
 * being written does not wait {@code maxDelay} more. So a record is committed at most {@code maxDelay} plus one commit
 * after it was appended while the writer keeps up (defaults: 20 ms + a few ms, within the 50 ms bound of issue 4);
 * {@link #lateCount()} counts the records committed later than {@link #LATE_AFTER} after their append, and
 * {@link #lastLagNanos()} is the age of the oldest record of the last batch when it was committed. Commits use
 * {@code synchronous=NORMAL}: durable against a process kill once committed, not against power loss (see
 * {@link StateDurability}).
 *
 * <p>Failures: a row that breaks a constraint (not JSON, a bad deny code) is isolated from its batch, dropped and
 * counted ({@link #rejectedCount()}); a row whose {@code decision_id} or ({@code bot_id}, {@code request_id}) is
 * already stored is skipped, the first one wins ({@link #duplicateCount()}); any other error (disk full, I/O) keeps
 * the batch and retries with back-off, while new records fill the queue and are dropped once it is full.
 *
 * <p>Readers see committed rows only: a record appended less than one batch ago is not found yet. Idempotency checks
 * on the request path must therefore use an in-memory cache first and this log only as the fallback after restart.
 */
public final class DecisionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * Rows inserted between two {@link Thread#yield()}s inside a batch. A batch of a few hundred rows is milliseconds of
     * CPU; on a server with fewer cores than busy threads, the decisions waiting for a core would wait that long
     * (their p99). A yield every few rows (~0.3 ms) lets them run first; splitting into smaller transactions would do
     * the same at a higher cost per row (docs/performance.md). Only in a batch that nobody waits for (an allowed decision
     * waits for its record, a receipt; on a busy machine every yield would hand its core to other work first), only
     * while the writer is less than {@link #YIELD_WHILE_BEHIND_NANOS} behind (past that it writes at full speed, so a
     * sustained flood cannot starve it into a growing backlog), and only while no state commit waits for the write
     * lock that the batch holds (an allowed decision's reservation must not wait for a batch stretched by yields).
     */
    static final int ROWS_BETWEEN_YIELDS = 8;
    /** How far the log may lag behind the decisions (issue 4): a record committed later than this counts as late. */
    public static final Duration LATE_AFTER = Duration.ofMillis(50);
    private static final long LATE_AFTER_NANOS = LATE_AFTER.toNanos();
    /** Half of the 50 ms the log may lag behind the decisions (issue 4). */
    static final long YIELD_WHILE_BEHIND_NANOS = LATE_AFTER_NANOS / 2;
    private static final Duration CLOSE_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(30);
    /** Highest page size {@link #find} accepts. */
    public static final int MAX_LIMIT = 10_000;

    private static final String INSERT = "INSERT INTO decisions (decision_id, request_id, bot_id, received_at, allowed,"
            + " deny_code, request_json, response_json, latency_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    private static final String COLUMNS = "SELECT decision_id, request_id, bot_id, received_at, allowed, deny_code,"
            + " request_json, response_json, latency_us FROM decisions";

    /**
     * @param queueCapacity records the queue holds while the writer is busy; the default (65,536) absorbs 50,000
     *                      decisions/s for one second with the writer stalled
     * @param maxBatchSize  records per transaction; bounds how long a batch holds the write lock that synchronous
     *                      state commits also need
     * @param maxDelay      how long the writer waits for more records after the first one of a batch
     */
    public record Settings(int queueCapacity, int maxBatchSize, Duration maxDelay) {
        public Settings {
            Checks.positive(queueCapacity, "queue_capacity");
            Checks.positive(maxBatchSize, "max_batch_size");
            Checks.notNull(maxDelay, "max_delay");
            if (maxDelay.isNegative() || maxDelay.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("max_delay must be in [0, 60 s], was " + maxDelay);
            }
        }

        public static Settings defaults() {
            return new Settings(65_536, 512, Duration.ofMillis(20));
        }
    }

    /** Test seam: called on the writer thread before each batch is written; may block to simulate a slow disk. */
    @FunctionalInterface
    interface BatchHook {
        BatchHook NONE = batchSize -> { };

        void beforeWrite(int batchSize) throws InterruptedException;
    }

    /**
     * A queued record; {@code receipt} is null for fire-and-forget appends (private, never escapes); {@code appendedNanos}
     * ({@link System#nanoTime()}) tells the writer how far behind it is.
     */
    private record Pending(DecisionRecord record, CompletableFuture<Boolean> receipt, long appendedNanos) {}

    private enum Outcome { INSERTED, DUPLICATE, REJECTED, LOST }

    private final Database database;
    private final Settings settings;
    private final BatchHook hook;
    private final Connection writer;
    private final BlockingQueue<Pending> queue;
    private final Thread writerThread;
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final AtomicLong flushTarget = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private volatile long lastLagNanos;
    private final AtomicLong lastDropWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final AtomicLong lastErrorLog = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final ReentrantLock progressLock = new ReentrantLock();
    private final Condition progressed = progressLock.newCondition();
    private volatile boolean stopping;
    private volatile boolean abandon;

    private DecisionLog(Database database, Settings settings, BatchHook hook) {
        this.database = database;
        this.settings = settings;
        this.hook = hook;
        this.writer = database.openWriter(StateDurability.PROCESS_CRASH);
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.writerThread = new Thread(this::run, "decision-log-writer");
        this.writerThread.setDaemon(true);
    }

    /** Opens a writer connection on {@code database} and starts the writer thread. */
    public static DecisionLog start(Database database, Settings settings) {
        return start(database, settings, BatchHook.NONE);
    }

    static DecisionLog start(Database database, Settings settings, BatchHook hook) {
        Checks.notNull(database, "database");
        Checks.notNull(settings, "settings");
        Checks.notNull(hook, "hook");
        DecisionLog log = new DecisionLog(database, settings, hook);
        log.writerThread.start();
        return log;
    }

    /**
     * Queues the record for the next batch and returns at once; never waits on the disk or on the writer.
     *
     * @return true if queued; false if dropped because the queue is full or the log is closed (counted)
     */
    public boolean append(DecisionRecord record) {
        return enqueue(new Pending(Checks.notNull(record, "record"), null, System.nanoTime()));
    }

    /**
     * Like {@link #append}, and the returned future completes when the record's batch is committed: with true, or
     * false if the same {@code decision_id} or ({@code bot_id}, {@code request_id}) was already stored; exceptionally
     * if the record is dropped (queue full, closed) or rejected by a constraint. A waiting receipt makes the writer
     * commit at once instead of lingering. The future completes on the writer thread: attach only short callbacks
     * or use the {@code ...Async} variants. For an HTTP layer that must not acknowledge an unlogged decision.
     */
    public CompletableFuture<Boolean> appendWithReceipt(DecisionRecord record) {
        CompletableFuture<Boolean> receipt = new CompletableFuture<>();
        if (!enqueue(new Pending(Checks.notNull(record, "record"), receipt, System.nanoTime()))) {
            receipt.completeExceptionally(new PersistenceException("decision " + record.decisionId()
                    + " was dropped: the decision log queue is full or closed"));
        }
        LockSupport.unpark(writerThread); // someone waits for this one: commit now instead of lingering
        return receipt;
    }

    private boolean enqueue(Pending pending) {
        if (stopping || !queue.offer(pending)) {
            long count = dropped.incrementAndGet();
            long now = System.nanoTime();
            long last = lastDropWarning.get();
            if (now - last >= WARN_EVERY_NANOS && lastDropWarning.compareAndSet(last, now)) {
                LOG.warn("decision log dropped {} record(s) so far: queue of {} full or log closed (latest {})",
                        count, settings.queueCapacity(), pending.record().decisionId());
            }
            return false;
        }
        appended.incrementAndGet();
        return true;
    }

    /**
     * Waits until every record appended before this call is committed (or dropped by a constraint). For shutdown and
     * tests.
     *
     * @throws PersistenceException if that takes more than 30 s (the writer is stuck on a failing disk)
     */
    public void flush() {
        if (!flush(DEFAULT_FLUSH_TIMEOUT)) {
            throw new PersistenceException("decision log flush did not finish within " + DEFAULT_FLUSH_TIMEOUT
                    + "; " + (appended.get() - settled.get()) + " record(s) still pending");
        }
    }

    /** Like {@link #flush()}; returns false instead of throwing when {@code timeout} passes first. */
    public boolean flush(Duration timeout) {
        Checks.notNull(timeout, "timeout");
        long target = appended.get();
        flushTarget.accumulateAndGet(target, Math::max);
        LockSupport.unpark(writerThread);
        long deadline = System.nanoTime() + timeout.toNanos();
        progressLock.lock();
        try {
            while (settled.get() < target) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || !writerThread.isAlive()) {
                    return settled.get() >= target;
                }
                progressed.awaitNanos(Math.min(remaining, IDLE_POLL_NANOS));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            progressLock.unlock();
        }
    }

    /**
     * Stops accepting records, commits everything queued (waiting up to 30 s, then giving up on a failing disk and
     * counting the rest as {@link #lostCount() lost}) and stops the writer. Close this before the {@link Database}.
     */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        flushTarget.set(Long.MAX_VALUE);
        LockSupport.unpark(writerThread);
        try {
            writerThread.join(CLOSE_DRAIN_TIMEOUT.toMillis());
            if (writerThread.isAlive()) {
                abandon = true;
                writerThread.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            writer.close();
        } catch (SQLException e) {
            LOG.warn("closing the decision log connection failed: {}", e.getMessage());
        }
    }

    /** Records refused by {@link #append} because the queue was full or the log closed. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Records skipped because their decision_id or (bot_id, request_id) was already stored. */
    public long duplicateCount() {
        return duplicates.get();
    }

    /** Records refused by a database constraint (e.g. payload not JSON); logged with their decision_id. */
    public long rejectedCount() {
        return rejected.get();
    }

    /** Records given up at close because the database kept failing. */
    public long lostCount() {
        return lost.get();
    }

    /** Records inserted. */
    public long committedCount() {
        return committed.get();
    }

    /** Records committed more than {@link #LATE_AFTER} after they were appended (the log fell behind its bound). */
    public long lateCount() {
        return late.get();
    }

    /** How long the oldest record of the last committed batch had waited since its append; 0 before the first. */
    public long lastLagNanos() {
        return lastLagNanos;
    }

    /** Batches written (transactions, not counting retries). */
    public long batchCount() {
        return batches.get();
    }

    /** Records appended and not yet settled (queued or in the batch being written). */
    public long pendingCount() {
        return appended.get() - settled.get();
    }

    public Optional<DecisionRecord> findById(String decisionId) {
        Checks.notBlank(decisionId, "decision_id");
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(COLUMNS + " WHERE decision_id = ?")) {
                query.setString(1, decisionId);
                return single(query);
            }
        });
    }

    public Optional<DecisionRecord> findByRequestId(String botId, String requestId) {
        Checks.notBlank(botId, "bot_id");
        Checks.notBlank(requestId, "request_id");
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(COLUMNS + " WHERE bot_id = ? AND request_id = ?")) {
                query.setString(1, botId);
                query.setString(2, requestId);
                return single(query);
            }
        });
    }

    /**
     * Committed decisions matching {@code filter}, newest first ({@code received_at}, then insertion order).
     *
     * @param limit  page size, 1..{@value #MAX_LIMIT}
     * @param offset rows to skip, {@code >= 0}
     */
    public List<DecisionRecord> find(DecisionFilter filter, int limit, int offset) {
        Checks.notNull(filter, "filter");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "], was " + limit);
        }
        Checks.nonNegative(offset, "offset");
        List<Object> parameters = new ArrayList<>();
        String sql = COLUMNS + where(filter, parameters) + " ORDER BY received_at DESC, rowid DESC LIMIT ? OFFSET ?";
        parameters.add(limit);
        parameters.add(offset);
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                bind(query, parameters);
                List<DecisionRecord> records = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        records.add(map(rows));
                    }
                }
                return records;
            }
        });
    }

    /** How many committed decisions match {@code filter}. */
    public long count(DecisionFilter filter) {
        Checks.notNull(filter, "filter");
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT count(*) FROM decisions" + where(filter, parameters);
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                bind(query, parameters);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    private static String where(DecisionFilter filter, List<Object> parameters) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        filter.botId().ifPresent(bot -> {
            where.append(" AND bot_id = ?");
            parameters.add(bot);
        });
        filter.since().ifPresent(since -> {
            where.append(" AND received_at >= ?");
            parameters.add(since.toEpochMilli());
        });
        // allowed = 0 rows are exactly those with a deny_code: the partial index decisions_by_code serves them too.
        filter.denied().ifPresent(denied -> where.append(denied ? " AND allowed = 0" : " AND allowed = 1"));
        filter.denyCode().ifPresent(code -> {
            where.append(" AND deny_code = ?");
            parameters.add(code);
        });
        return where.toString();
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof Long number) {
                statement.setLong(i + 1, number);
            } else if (value instanceof Integer number) {
                statement.setInt(i + 1, number);
            } else {
                statement.setString(i + 1, (String) value);
            }
        }
    }

    private static Optional<DecisionRecord> single(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.of(map(rows)) : Optional.empty();
        }
    }

    private static DecisionRecord map(ResultSet rows) throws SQLException {
        return new DecisionRecord(rows.getString(1), rows.getString(2), rows.getString(3),
                Instant.ofEpochMilli(rows.getLong(4)), rows.getInt(5) == 1, Optional.ofNullable(rows.getString(6)),
                rows.getString(7), rows.getString(8), rows.getDouble(9));
    }

    // ---- writer thread ----

    private void run() {
        List<Pending> batch = new ArrayList<>(settings.maxBatchSize());
        long maxDelayNanos = settings.maxDelay().toNanos();
        try (PreparedStatement insert = writer.prepareStatement(INSERT)) {
            while (!(stopping && queue.isEmpty())) {
                Pending first = queue.poll(IDLE_POLL_NANOS, TimeUnit.NANOSECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                boolean urgent = first.receipt() != null;
                // from the append of the oldest record: one that queued behind the last batch lingers no further
                long deadline = first.appendedNanos() + maxDelayNanos;
                while (batch.size() < settings.maxBatchSize()) {
                    int before = batch.size();
                    queue.drainTo(batch, settings.maxBatchSize() - batch.size());
                    for (int i = before; i < batch.size() && !urgent; i++) {
                        urgent = batch.get(i).receipt() != null;
                    }
                    long remaining = deadline - System.nanoTime();
                    if (batch.size() >= settings.maxBatchSize() || urgent || stopping || remaining <= 0
                            || flushTarget.get() > settled.get()) {
                        break;
                    }
                    // park rather than wait on the queue: a record appended now must not wake this thread (on a
                    // one-core server every wake-up is a context switch taken from the request that appended it);
                    // a receipt, a flush and close unpark it
                    LockSupport.parkNanos(this, remaining);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
                hook.beforeWrite(batch.size());
                writeBatch(insert, batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("decision log writer interrupted; {} record(s) not written", batch.size() + queue.size());
        } catch (SQLException | RuntimeException e) {
            LOG.error("decision log writer stopped; {} record(s) not written", batch.size() + queue.size(), e);
        } finally {
            signalProgress();
        }
    }

    private void writeBatch(PreparedStatement insert, List<Pending> batch) throws InterruptedException {
        long backoffMillis = 50;
        boolean someoneWaits = false;
        for (Pending p : batch) {
            someoneWaits |= p.receipt() != null;
        }
        boolean mayYield = !someoneWaits && flushTarget.get() <= settled.get() && !stopping;
        while (true) {
            try {
                Outcome[] outcomes = database.write(writer, connection -> {
                    Outcome[] result = new Outcome[batch.size()];
                    boolean yielding = mayYield;
                    for (int i = 0; i < batch.size(); i++) {
                        result[i] = insert(insert, batch.get(i).record());
                        if (yielding && i % ROWS_BETWEEN_YIELDS == ROWS_BETWEEN_YIELDS - 1) {
                            // rows are in append order: every record still queued is newer than this one
                            if (System.nanoTime() - batch.get(i).appendedNanos() < YIELD_WHILE_BEHIND_NANOS
                                    && !database.writersWaiting()) {
                                Thread.yield();
                            } else {
                                yielding = false; // behind, or a state commit waits: finish this batch at full speed
                            }
                        }
                    }
                    return result;
                });
                settle(batch, outcomes, new SQLException[batch.size()]);
                return;
            } catch (SQLException e) {
                if (isConstraintViolation(e)) {
                    writeOneByOne(insert, batch);
                    return;
                }
                if (abandon) {
                    Outcome[] outcomes = new Outcome[batch.size()];
                    SQLException[] causes = new SQLException[batch.size()];
                    Arrays.fill(outcomes, Outcome.LOST);
                    Arrays.fill(causes, e);
                    settle(batch, outcomes, causes);
                    return;
                }
                logError("decision log batch of " + batch.size() + " failed, retrying in " + backoffMillis + " ms", e);
                Thread.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    /** A constraint broke the batch: write each row in its own transaction to keep the good ones. */
    private void writeOneByOne(PreparedStatement insert, List<Pending> batch) throws InterruptedException {
        Outcome[] outcomes = new Outcome[batch.size()];
        SQLException[] causes = new SQLException[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            DecisionRecord record = batch.get(i).record();
            long backoffMillis = 50;
            while (outcomes[i] == null) {
                try {
                    outcomes[i] = database.write(writer, connection -> insert(insert, record));
                } catch (SQLException e) {
                    causes[i] = e;
                    if (isConstraintViolation(e)) {
                        outcomes[i] = Outcome.REJECTED;
                        LOG.error("decision {} of bot {} rejected by the database and not logged: {}",
                                record.decisionId(), record.botId(), e.getMessage());
                    } else if (abandon) {
                        outcomes[i] = Outcome.LOST;
                    } else {
                        logError("decision log row " + record.decisionId() + " failed, retrying", e);
                        Thread.sleep(backoffMillis);
                        backoffMillis = Math.min(backoffMillis * 2, 5_000);
                    }
                }
            }
        }
        settle(batch, outcomes, causes);
    }

    private static Outcome insert(PreparedStatement insert, DecisionRecord record) throws SQLException {
        insert.setString(1, record.decisionId());
        insert.setString(2, record.requestId());
        insert.setString(3, record.botId());
        insert.setLong(4, record.receivedAt().toEpochMilli());
        insert.setInt(5, record.allowed() ? 1 : 0);
        insert.setString(6, record.denyCode().orElse(null));
        insert.setString(7, record.requestJson());
        insert.setString(8, record.responseJson());
        insert.setDouble(9, record.latencyMicros());
        return insert.executeUpdate() == 1 ? Outcome.INSERTED : Outcome.DUPLICATE;
    }

    /** {@code causes[i]} is the error of a rejected or lost row, null otherwise. */
    private void settle(List<Pending> batch, Outcome[] outcomes, SQLException[] causes) {
        long now = System.nanoTime();
        lastLagNanos = now - batch.get(0).appendedNanos();
        for (int i = 0; i < batch.size(); i++) {
            if (outcomes[i] == Outcome.INSERTED && now - batch.get(i).appendedNanos() > LATE_AFTER_NANOS) {
                late.incrementAndGet();
            }
            CompletableFuture<Boolean> receipt = batch.get(i).receipt();
            switch (outcomes[i]) {
                case INSERTED -> {
                    committed.incrementAndGet();
                    if (receipt != null) {
                        receipt.complete(true);
                    }
                }
                case DUPLICATE -> {
                    duplicates.incrementAndGet();
                    if (receipt != null) {
                        receipt.complete(false);
                    }
                }
                case REJECTED, LOST -> {
                    (outcomes[i] == Outcome.REJECTED ? rejected : lost).incrementAndGet();
                    if (receipt != null) {
                        receipt.completeExceptionally(new PersistenceException("decision "
                                + batch.get(i).record().decisionId() + " was not logged: "
                                + (causes[i] == null ? "unknown error" : causes[i].getMessage()), causes[i]));
                    }
                }
            }
        }
        batches.incrementAndGet();
        settled.addAndGet(batch.size());
        signalProgress();
    }

    private void signalProgress() {
        progressLock.lock();
        try {
            progressed.signalAll();
        } finally {
            progressLock.unlock();
        }
    }

    private void logError(String message, SQLException e) {
        long now = System.nanoTime();
        long last = lastErrorLog.get();
        if (now - last >= WARN_EVERY_NANOS && lastErrorLog.compareAndSet(last, now)) {
            LOG.error(message, e);
        }
    }

    /** SQLITE_CONSTRAINT and its extended codes (primary result code 19). */
    static boolean isConstraintViolation(SQLException e) {
        return (e.getErrorCode() & 0xff) == 19;
    }
}
