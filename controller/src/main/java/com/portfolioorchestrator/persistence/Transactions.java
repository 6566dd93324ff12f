package com.portfolioorchestrator.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Explicit write transactions on an auto-commit connection.
 *
 * <p>Why not {@code setAutoCommit(false)}: sqlite-jdbc then re-opens a transaction right after every commit, so a
 * writer connection would sit inside a transaction forever, holding a WAL read snapshot (blocking checkpoints) and,
 * with IMMEDIATE mode, the write lock. {@code BEGIN IMMEDIATE} takes the write lock up front, so a transaction never
 * fails half-way with SQLITE_BUSY when it upgrades from reading to writing.
 */
final class Transactions {
    private Transactions() {}

    static <T> T inWriteTransaction(Connection connection, SqlFunction<T> work) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            boolean committed = false;
            try {
                T result = work.apply(connection);
                statement.execute("COMMIT");
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly(statement);
                }
            }
        }
    }

    private static void rollbackQuietly(Statement statement) {
        try {
            statement.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // The transaction is already gone (SQLite rolls back by itself on some errors); nothing left to undo.
        }
    }
}
