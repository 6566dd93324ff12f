package com.portfolioorchestrator.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies numbered SQL migrations and records them in {@code schema_version}. A small replacement for Flyway: the
 * list of files is in {@link #SHIPPED} because a classpath directory cannot be listed inside a fat jar.
 *
 * <p>Each migration runs in its own {@code BEGIN IMMEDIATE} transaction together with its {@code schema_version} row,
 * so a failing script leaves no trace and two processes opening the same file cannot apply one script twice (the
 * second one waits for the write lock, then sees the row). A database whose highest version is above the newest known
 * one, or whose applied script differs from ours (checksum), is refused with {@link IncompatibleSchemaException}.
 */
final class Migrator {
    static final String DIRECTORY = "db/migration";
    /** Every migration this build ships, oldest first. Add the new file name here when adding V<n+1>. */
    static final List<String> SHIPPED = List.of("V1__init.sql", "V2__decisions_checks_virtual.sql");

    private Migrator() {}

    static List<Migration> shipped() {
        return load(Migrator.class.getClassLoader(), DIRECTORY, SHIPPED);
    }

    static List<Migration> load(ClassLoader loader, String directory, List<String> fileNames) {
        List<Migration> migrations = new ArrayList<>();
        for (String fileName : fileNames) {
            migrations.add(Migration.load(loader, directory, fileName));
        }
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1, 2, ... without gaps; position "
                        + (i + 1) + " holds V" + migrations.get(i).version() + "__" + migrations.get(i).name());
            }
        }
        return List.copyOf(migrations);
    }

    /**
     * Brings the database up to the last of {@code migrations}.
     *
     * @param where the file, for messages
     * @return the schema version afterwards
     */
    static int migrate(Connection connection, List<Migration> migrations, Clock clock, String where) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + " version INTEGER NOT NULL PRIMARY KEY,"
                    + " name TEXT NOT NULL,"
                    + " checksum TEXT NOT NULL,"
                    + " applied_at INTEGER NOT NULL)");
        }
        for (Migration migration : migrations) {
            Transactions.inWriteTransaction(connection, c -> {
                Map<Integer, String> applied = applied(c);
                verify(applied, migrations, where);
                if (!applied.containsKey(migration.version())) {
                    try (Statement script = c.createStatement()) {
                        script.executeUpdate(migration.sql());
                    } catch (SQLException e) {
                        throw new SQLException("migration V" + migration.version() + "__" + migration.name()
                                + " failed on " + where + ": " + e.getMessage(), e);
                    }
                    try (PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO schema_version (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                        insert.setInt(1, migration.version());
                        insert.setString(2, migration.name());
                        insert.setString(3, migration.checksum());
                        insert.setLong(4, clock.millis());
                        insert.executeUpdate();
                    }
                }
                return null;
            });
        }
        TreeMap<Integer, String> applied = applied(connection);
        verify(applied, migrations, where);
        return applied.isEmpty() ? 0 : applied.lastKey();
    }

    private static TreeMap<Integer, String> applied(Connection connection) throws SQLException {
        TreeMap<Integer, String> applied = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, checksum FROM schema_version")) {
            while (rows.next()) {
                applied.put(rows.getInt(1), rows.getString(2));
            }
        }
        return applied;
    }

    private static void verify(Map<Integer, String> applied, List<Migration> known, String where) {
        for (Map.Entry<Integer, String> row : applied.entrySet()) {
            int version = row.getKey();
            if (version > known.size()) {
                throw new IncompatibleSchemaException("database " + where + " has schema version " + version
                        + ", newer than the newest this build knows (" + known.size() + "): it was written by a newer"
                        + " build; refusing to open it (run that build, or restore a backup made by this one)");
            }
            Migration migration = known.get(version - 1);
            if (!migration.checksum().equals(row.getValue())) {
                throw new IncompatibleSchemaException("database " + where + " applied a different V" + version + "__"
                        + migration.name() + " than this build ships (checksum " + row.getValue() + ", expected "
                        + migration.checksum() + "); refusing to open it");
            }
        }
    }
}
