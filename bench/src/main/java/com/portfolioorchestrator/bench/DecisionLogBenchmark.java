package com.portfolioorchestrator.bench;

import com.portfolioorchestrator.app.DecisionIds;
import com.portfolioorchestrator.bench.load.LoadGenerator;
import com.portfolioorchestrator.persistence.Database;
import com.portfolioorchestrator.persistence.DecisionLog;
import com.portfolioorchestrator.persistence.DecisionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The audit log's cost per decision: {@link DecisionLog} (the real writer thread, batches, SQLite in WAL mode on a
 * real file) appending {@value #ROWS} records and flushing them, per op; the score is per row. {@code response} is
 * the stored response's size (2,400 B is a denial's or an allowance's ~30 checks; 300 B for comparison), {@code ids}
 * is how decision ids are made ({@code ordered}: {@link DecisionIds}, time-ordered; {@code random}: random UUIDs, as
 * before), {@code requestIds} how the bots make request ids ({@code uuid7}: time-ordered, what the Freqtrade mixin
 * sends; {@code uuid4}: random; the log's unique index on (bot_id, request_id) then takes a random page per row).
 * Run on one core to see what the writer takes from the decision path on a one-core server:
 * {@code taskset -c 0 java -jar bench/target/benchmarks.jar DecisionLogBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class DecisionLogBenchmark {
    static final int ROWS = 1_000;
    private static final String REQUEST = "{\"request_id\":\"abc-n123\",\"bot_id\":\"S1\",\"pair\":\"AVAX/USDT:USDT\","
            + "\"side\":\"long\",\"stake_amount\":1000,\"leverage\":2,\"entry_price\":100,\"stop_price\":99,\"min_stake\":5,"
            + "\"order_type\":\"limit\",\"spread_bps\":2,\"expected_slippage_bps\":3,\"funding_rate\":0.0001,"
            + "\"edge_score\":0.003,\"grade\":\"A\"}";

    @Param({"2400", "300"})
    public int response;

    @Param({"ordered", "random"})
    public String ids;

    @Param({"uuid7", "uuid4"})
    public String requestIds;

    /** Rows per transaction at most ({@link DecisionLog.Settings#maxBatchSize()}); the default is the shipped one. */
    @Param({"0"})
    public int maxBatch;

    private Path dir;
    private Database database;
    private DecisionLog log;
    private String responseJson;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("decision-log-bench");
        database = Database.open(dir.resolve("bench.db"));
        DecisionLog.Settings defaults = DecisionLog.Settings.defaults();
        log = DecisionLog.start(database, maxBatch == 0 ? defaults
                : new DecisionLog.Settings(defaults.queueCapacity(), maxBatch, defaults.maxDelay()));
        StringBuilder s = new StringBuilder("{\"allowed\":false,\"checks\":[");
        while (s.length() < response) {
            s.append("{\"gate\":\"KILL_SWITCH\",\"passed\":true,\"value\":0.0,\"limit\":0.0},");
        }
        s.setLength(s.length() - 1);
        responseJson = s.append("]}").toString();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        log.close();
        database.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long appendAndCommit() {
        Instant now = Instant.now();
        for (int i = 0; i < ROWS; i++) {
            long n = sequence++;
            String id = ids.equals("ordered") ? DecisionIds.next(now.toEpochMilli())
                    : "d-" + UUID.randomUUID().toString().replace("-", "");
            String requestId = requestIds.equals("uuid7") ? LoadGenerator.uuid7(now.toEpochMilli()).toString()
                    : UUID.randomUUID().toString();
            log.append(DecisionRecord.denied(id, requestId, "S" + (n % 7 + 1), now, "CORRELATION_GROUP_FULL", REQUEST,
                    responseJson, 1.5));
        }
        log.flush();
        return log.committedCount();
    }
}
