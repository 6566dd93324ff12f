package com.portfolioorchestrator.persistence;

import com.portfolioorchestrator.core.Checks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The orchestrator's SQLite file: opened in WAL mode, migrated to the newest schema, and the source of the
 * connections that {@link DecisionLog} and {@link StateStore} use.
 *
 * <p>Connections: each writer ({@link DecisionLog}'s thread, {@link StateStore}) has its own connection; reads go to a
 * small pool of {@value #READERS} query-only connections (in WAL mode readers never block the writer nor wait for it).
 * Writes of this process are serialised by one fair in-process lock before they reach SQLite, so a state commit on the
 * decision path waits at most for one bounded log batch instead of sleeping in SQLite's busy handler (which backs off
 * in steps of milliseconds); {@code busy_timeout} ({@value #BUSY_TIMEOUT_MS} ms) covers other processes, such as a
 * CLI reading the same file.
 *
 * <p>Pragmas: {@code journal_mode=WAL} (stored in the file), {@code synchronous=NORMAL} for the decision log and the
 * readers, {@code synchronous} of {@link StateDurability} for the state store, {@code foreign_keys=ON},
 * {@code busy_timeout}. A new file gets pages of {@value #PAGE_SIZE} bytes (SQLite's default is 4096): the audit log
 * appends ~2.9 KB rows, and SQLite writes a WAL frame and checkpoints page by page, one system call each, so larger
 * pages cut the writer's cost per row by about a quarter ({@code DecisionLogBenchmark}, docs/performance.md). An
 * existing file keeps the page size it was created with. Opening is not thread-safe with itself; everything else here
 * is.
 */
public final class Database implements AutoCloseable {
    static final int BUSY_TIMEOUT_MS = 5_000;
    static final int READERS = 2;
    /** The page size of a new file; it must be set before the file's first page is written, i.e. before WAL mode. */
    static final int PAGE_SIZE = 16_384;
    /** WAL size that triggers an automatic checkpoint: SQLite's default of 1,000 pages, in bytes of 4 KiB pages. */
    static final int CHECKPOINT_BYTES = 1_000 * 4_096;

    private final Path file;
    private final Clock clock;
    private final StateDurability stateDurability;
    private final int schemaVersion;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> opened = new ArrayList<>();
    private boolean closed;

    private Database(Path file, Clock clock, StateDurability stateDurability, List<Migration> migrations) {
        this.file = file;
        this.clock = clock;
        this.stateDurability = stateDurability;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new PersistenceException("cannot create the directory of database " + file + ": " + e.getMessage(), e);
        }
        try {
            try (Connection migrator = connect(SQLiteConfig.SynchronousMode.NORMAL, false)) {
                this.schemaVersion = Migrator.migrate(migrator, migrations, clock, file.toString());
            }
            for (int i = 0; i < READERS; i++) {
                readers.add(connect(SQLiteConfig.SynchronousMode.NORMAL, true));
            }
        } catch (SQLException e) {
            closeAll();
            throw new PersistenceException("cannot open database " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll();
            throw e;
        }
    }

    /** Opens (creating it and its directories if needed) with the system UTC clock and {@link StateDurability#PROCESS_CRASH}. */
    public static Database open(Path file) {
        return open(file, Clock.systemUTC(), StateDurability.PROCESS_CRASH);
    }

    /**
     * Opens the file, creating it and its parent directories if needed, and applies every missing migration.
     *
     * @param clock           stamps {@code schema_version.applied_at} and the stores' {@code updated_at}
     * @param stateDurability the {@code synchronous} level of {@link StateStore} commits
     * @throws IncompatibleSchemaException if the file comes from a newer build or an applied migration was edited
     * @throws PersistenceException        if the file cannot be opened or a migration fails (nothing of it is kept)
     */
    public static Database open(Path file, Clock clock, StateDurability stateDurability) {
        return open(file, clock, stateDurability, Migrator.shipped());
    }

    static Database open(Path file, Clock clock, StateDurability stateDurability, List<Migration> migrations) {
        Checks.notNull(file, "file");
        Checks.notNull(clock, "clock");
        Checks.notNull(stateDurability, "stateDurability");
        Checks.notNull(migrations, "migrations");
        return new Database(file, clock, stateDurability, migrations);
    }

    /** The newest schema version this build knows (the number of shipped migrations). */
    public static int latestSchemaVersion() {
        return Migrator.SHIPPED.size();
    }

    public Path file() {
        return file;
    }

    /** The schema version of the file after opening. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** {@code PRAGMA journal_mode} as SQLite reports it now ({@code wal} after a successful open). */
    public String journalMode() {
        return read(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
                rows.next();
                return rows.getString(1);
            }
        });
    }

    Clock clock() {
        return clock;
    }

    StateDurability stateDurability() {
        return stateDurability;
    }

    /** Opens a writer connection owned by the caller (it is also closed by {@link #close()}). */
    Connection openWriter(StateDurability durability) {
        try {
            return connect(SQLiteConfig.SynchronousMode.valueOf(durability.pragmaValue()), false);
        } catch (SQLException e) {
            throw new PersistenceException("cannot open a writer connection to " + file + ": " + e.getMessage(), e);
        }
    }

    /** True when another thread of this process waits for the write lock (a state commit behind a log batch). */
    boolean writersWaiting() {
        return writeLock.hasQueuedThreads();
    }

    /**
     * Runs {@code work} as one write transaction on {@code writer} under this database's write lock, committed when
     * this returns.
     */
    <T> T write(Connection writer, SqlFunction<T> work) throws SQLException {
        writeLock.lock();
        try {
            return Transactions.inWriteTransaction(writer, work);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on a pooled query-only connection; waits for one if all are busy. */
    <T> T read(SqlFunction<T> work) {
        Connection connection;
        try {
            connection = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PersistenceException("interrupted while waiting for a reader connection to " + file, e);
        }
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new PersistenceException("read from " + file + " failed: " + e.getMessage(), e);
        } finally {
            readers.add(connection);
        }
    }

    /** Page cache of a writer connection in KiB (the log's writer and the state store's). */
    static final int WRITER_CACHE_KIB = 16 * 1024;

    private Connection connect(SQLiteConfig.SynchronousMode synchronous, boolean queryOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        // journal_mode is set below, after page_size: sqlite-jdbc applies its own pragmas in an order of its own, and
        // switching an empty file to WAL writes its first page with the default page size
        config.setSynchronous(synchronous);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        if (!queryOnly) {
            // writers keep the hot index pages of the audit log in memory (SQLite's default is 2 MB per connection)
            config.setCacheSize(-WRITER_CACHE_KIB);
        }
        Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA page_size = " + PAGE_SIZE); // a no-op on a file that has pages already
            statement.execute("PRAGMA journal_mode = WAL");
            // the automatic checkpoint runs in the commit that crosses it (a state commit an allowed decision waits
            // for, too): keep it at the bytes of SQLite's default (1,000 pages of 4 KiB), not 1,000 pages of this size
            int pageSize;
            try (ResultSet rows = statement.executeQuery("PRAGMA page_size")) {
                rows.next();
                pageSize = rows.getInt(1);
            }
            statement.execute("PRAGMA wal_autocheckpoint = " + Math.max(1, CHECKPOINT_BYTES / pageSize));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        synchronized (opened) {
            if (closed) {
                connection.close();
                throw new PersistenceException("database " + file + " is closed");
            }
            opened.add(connection);
        }
        if (queryOnly) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA query_only = ON");
            }
        }
        return connection;
    }

    /** Closes every connection. Close {@link DecisionLog} first so that its queue is drained. */
    @Override
    public void close() {
        closeAll();
    }

    private void closeAll() {
        List<Connection> toClose;
        synchronized (opened) {
            closed = true;
            toClose = new ArrayList<>(opened);
            opened.clear();
        }
        for (Connection connection : toClose) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing is best effort: the data was committed before, and SQLite recovers the WAL on next open.
            }
        }
    }
}
