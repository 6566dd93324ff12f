package com.portfolioorchestrator.persistence;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Child process of {@link KillDuringWritesTest}: writes safety state, a reservation and a decision (waiting for its
 * receipt) in a loop and prints {@code ACK <n>} after iteration n's calls returned, until it is killed.
 * Args: the database file.
 */
public final class CrashingWriterMain {
    private CrashingWriterMain() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Database database = Database.open(Path.of(args[0]), Clock.systemUTC(), StateDurability.PROCESS_CRASH);
        StateStore store = StateStore.open(database);
        DecisionLog log = DecisionLog.start(database, DecisionLog.Settings.defaults());
        Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
        for (int i = 1; i <= 1_000_000; i++) {
            store.putReservation(new Reservation("d-" + i, "S1", t0.plusSeconds(i), "{\"n\":" + i + "}"));
            store.saveState(Map.of("counter", "{\"n\":" + i + "}", "kill_switch", "{\"active\":" + (i % 2 == 0) + "}"));
            log.appendWithReceipt(Fixtures.allowed("d-" + i, "S1", "r-" + i, t0)).get(30, TimeUnit.SECONDS);
            out.println("ACK " + i);
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
