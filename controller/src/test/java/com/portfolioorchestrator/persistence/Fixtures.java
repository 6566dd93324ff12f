package com.portfolioorchestrator.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Test data builders and raw SQLite access (to look at the file the way an operator would, not through our API). */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    private Fixtures() {}

    static DecisionRecord allowed(String decisionId, String botId, String requestId, Instant at) {
        return DecisionRecord.allowed(decisionId, requestId, botId, at,
                "{\"request_id\":\"" + requestId + "\",\"bot_id\":\"" + botId + "\",\"stake_amount\":500.0}",
                "{\"decision_id\":\"" + decisionId + "\",\"allowed\":true,\"checks\":[{\"gate\":\"DAILY_LOSS\",\"passed\":true}]}",
                3.1);
    }

    static DecisionRecord denied(String decisionId, String botId, String requestId, Instant at, String code) {
        return DecisionRecord.denied(decisionId, requestId, botId, at, code,
                "{\"request_id\":\"" + requestId + "\",\"bot_id\":\"" + botId + "\"}",
                "{\"decision_id\":\"" + decisionId + "\",\"allowed\":false,\"denied_by\":\"" + code
                        + "\",\"checks\":[{\"gate\":\"" + code + "\",\"passed\":false}]}", 2.75);
    }

    static Connection raw(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    static List<String> strings(Path file, String sql) throws SQLException {
        try (Connection connection = raw(file);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    static long scalar(Path file, String sql) throws SQLException {
        return Long.parseLong(strings(file, sql).get(0));
    }

    static void execute(Path file, String sql) throws SQLException {
        try (Connection connection = raw(file); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    /** Waits (without asserting on speed) until the condition holds; false after 10 s so a hang fails the test. */
    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }
}
