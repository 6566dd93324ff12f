package com.portfolioorchestrator.persistence;

import static com.portfolioorchestrator.persistence.Fixtures.CLOCK;
import static com.portfolioorchestrator.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    private static final List<String> TABLES = List.of("allocation_state", "decisions", "engine_state",
            "execution_guard_state", "operator_actions", "profile_changes", "reservations", "risk_state", "schema_version");

    @TempDir
    Path dir;

    @Test
    void open_onFreshFile_createsDirectoriesAndAppliesEveryMigration() throws SQLException {
        Path file = dir.resolve("nested/state/orchestrator.db");

        try (Database database = Database.open(file, CLOCK, StateDurability.PROCESS_CRASH)) {
            assertThat(database.schemaVersion()).isEqualTo(Database.latestSchemaVersion()).isEqualTo(2);
        }

        assertThat(Files.isRegularFile(file)).isTrue();
        assertThat(Fixtures.strings(file, "SELECT name FROM sqlite_master WHERE type = 'table'"
                + " AND name NOT LIKE 'sqlite_%' ORDER BY name")).containsExactlyElementsOf(TABLES);
        assertThat(Fixtures.strings(file, "SELECT version || ' ' || name || ' ' || applied_at FROM schema_version"))
                .containsExactly("1 init " + T0.toEpochMilli(), "2 decisions_checks_virtual " + T0.toEpochMilli());
    }

    @Test
    void open_isInWalModeWithForeignKeysAndBusyTimeout() {
        try (Database database = Database.open(dir.resolve("o.db"))) {
            assertThat(database.journalMode()).isEqualTo("wal");
            assertThat(pragma(database, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(database, "busy_timeout")).isEqualTo(String.valueOf(Database.BUSY_TIMEOUT_MS));
            assertThat(pragma(database, "synchronous")).as("NORMAL").isEqualTo("1");
        }
    }

    @Test
    void open_onFreshFile_uses16KiBPages() {
        try (Database database = Database.open(dir.resolve("o.db"))) {
            assertThat(pragma(database, "page_size")).isEqualTo(String.valueOf(Database.PAGE_SIZE)).isEqualTo("16384");
            assertThat(pragma(database, "wal_autocheckpoint")).as("4 MB of WAL, as SQLite's default with 4 KiB pages")
                    .isEqualTo("250");
        }
    }

    @Test
    void open_onExistingFileWith4KiBPages_keepsThemAndItsRows() throws SQLException {
        Path file = dir.resolve("old.db");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA page_size = 4096");
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("CREATE TABLE kept (v TEXT)");
            s.execute("INSERT INTO kept VALUES ('from before')");
        }

        try (Database database = Database.open(file)) {
            assertThat(pragma(database, "page_size")).isEqualTo("4096");
            assertThat(pragma(database, "wal_autocheckpoint")).isEqualTo("1000");
            assertThat(database.journalMode()).isEqualTo("wal");
            assertThat(database.schemaVersion()).isEqualTo(Database.latestSchemaVersion());
        }
        assertThat(Fixtures.strings(file, "SELECT v FROM kept")).containsExactly("from before");
    }

    @Test
    void openWriter_forPowerLoss_usesSynchronousFull() throws SQLException {
        try (Database database = Database.open(dir.resolve("o.db"));
             Connection writer = database.openWriter(StateDurability.POWER_LOSS);
             Statement statement = writer.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA synchronous")) {
            rows.next();
            assertThat(rows.getInt(1)).as("FULL").isEqualTo(2);
        }
    }

    @Test
    void open_again_isANoOp() throws SQLException {
        Path file = dir.resolve("o.db");
        Database.open(file, CLOCK, StateDurability.PROCESS_CRASH).close();
        Clock later = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);

        try (Database reopened = Database.open(file, later, StateDurability.PROCESS_CRASH)) {
            assertThat(reopened.schemaVersion()).isEqualTo(2);
        }

        assertThat(Fixtures.strings(file, "SELECT version || ' ' || applied_at FROM schema_version"))
                .as("the migrations are not re-applied nor re-stamped")
                .containsExactly("1 " + T0.toEpochMilli(), "2 " + T0.toEpochMilli());
    }

    @Test
    void open_onDatabaseFromNewerBuild_isRefusedNamingBothVersions() throws SQLException {
        Path file = dir.resolve("o.db");
        Database.open(file).close();
        Fixtures.execute(file, "INSERT INTO schema_version VALUES (3, 'future', 'abc', 0)");

        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("has schema version 3, newer than the newest this build knows (2)")
                .hasMessageContaining(file.toString());
    }

    @Test
    void open_whenAnAppliedMigrationWasEdited_isRefused() throws SQLException {
        Path file = dir.resolve("o.db");
        Database.open(file).close();
        Fixtures.execute(file, "UPDATE schema_version SET checksum = 'edited' WHERE version = 1");

        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("applied a different V1__init");
    }

    @Test
    void v2_keepsTheChecksOfRowsWrittenUnderV1_andGeneratesThemFromTheResponseForNewRows() throws SQLException {
        Path file = dir.resolve("o.db");
        Database.open(file, CLOCK, StateDurability.PROCESS_CRASH,
                Migrator.load(Migrator.class.getClassLoader(), Migrator.DIRECTORY, List.of("V1__init.sql"))).close();
        Fixtures.execute(file, "INSERT INTO decisions (decision_id, request_id, bot_id, received_at, allowed, deny_code,"
                + " request_json, response_json, checks_json, latency_us) VALUES ('d-old', 'r-old', 'S1', 0, 1, NULL, '{}',"
                + " '{\"checks\":[{\"gate\":\"KILL_SWITCH\",\"passed\":true}]}',"
                + " '[{\"gate\":\"KILL_SWITCH\",\"passed\":true}]', 1.5)");

        try (Database upgraded = Database.open(file, CLOCK, StateDurability.PROCESS_CRASH);
             DecisionLog log = DecisionLog.start(upgraded, DecisionLog.Settings.defaults())) {
            assertThat(upgraded.schemaVersion()).isEqualTo(2);
            log.append(Fixtures.denied("d-new", "S2", "r-new", T0, "FAT_FINGER"));
            log.flush();
            assertThat(log.findById("d-old").orElseThrow().responseJson()).contains("KILL_SWITCH");
        }
        assertThat(Fixtures.strings(file, "SELECT decision_id || ' ' || checks_json FROM decisions ORDER BY decision_id"))
                .containsExactly("d-new [{\"gate\":\"FAT_FINGER\",\"passed\":false}]",
                        "d-old [{\"gate\":\"KILL_SWITCH\",\"passed\":true}]");
        assertThat(Fixtures.scalar(file, "SELECT count(*) FROM pragma_table_xinfo('decisions')"
                + " WHERE name = 'checks_json' AND hidden = 2")).as("a VIRTUAL generated column (hidden = 2)").isEqualTo(1);
    }

    @Test
    void open_withNewMigration_upgradesAnExistingFile() throws SQLException {
        Path file = dir.resolve("o.db");
        Database.open(file, CLOCK, StateDurability.PROCESS_CRASH, testMigrations("V1__first.sql")).close();

        try (Database upgraded = Database.open(file, CLOCK, StateDurability.PROCESS_CRASH,
                testMigrations("V1__first.sql", "V2__second.sql"))) {
            assertThat(upgraded.schemaVersion()).isEqualTo(2);
        }
        assertThat(Fixtures.strings(file, "SELECT name FROM second")).containsExactly("seeded");
    }

    @Test
    void open_whenAMigrationFails_keepsNothingOfItAndStaysAtThePreviousVersion() throws SQLException {
        Path file = dir.resolve("o.db");
        List<Migration> migrations = testMigrations("V1__first.sql", "V2__second.sql", "V3__broken.sql");

        assertThatThrownBy(() -> Database.open(file, CLOCK, StateDurability.PROCESS_CRASH, migrations))
                .isInstanceOf(PersistenceException.class)
                .hasMessageContaining("migration V3__broken failed")
                .hasMessageContaining("no_such_table");

        assertThat(Fixtures.strings(file, "SELECT max(version) FROM schema_version")).containsExactly("2");
        assertThat(Fixtures.scalar(file, "SELECT count(*) FROM sqlite_master WHERE name = 'third'")).isZero();
    }

    @Test
    void migrations_mustBeNumberedWithoutGaps() {
        assertThatThrownBy(() -> testMigrations("V1__first.sql", "V3__broken.sql"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position 2 holds V3__broken");
    }

    @Test
    void appendOnlyTables_refuseUpdateAndDelete() throws SQLException {
        Path file = dir.resolve("o.db");
        Database.open(file).close();
        Fixtures.execute(file, "INSERT INTO decisions VALUES ('d-1', 'r-1', 'S1', 0, 1, NULL, '{}', '{}', 1.0)");
        Fixtures.execute(file, "INSERT INTO operator_actions (at, operator, action, json) VALUES (0, 'alice', 'X', '{}')");

        for (String sql : List.of("DELETE FROM decisions", "UPDATE decisions SET allowed = 0",
                "DELETE FROM operator_actions", "UPDATE operator_actions SET operator = 'mallory'")) {
            assertThatThrownBy(() -> Fixtures.execute(file, sql)).as(sql).hasMessageContaining("is append-only");
        }
        assertThat(Fixtures.scalar(file, "SELECT count(*) FROM decisions")).isEqualTo(1);
    }

    @Test
    void open_withNullArgument_namesIt() {
        assertThatThrownBy(() -> Database.open(null)).hasMessage("file must not be null");
        assertThatThrownBy(() -> Database.open(dir.resolve("o.db"), null, StateDurability.PROCESS_CRASH))
                .hasMessage("clock must not be null");
    }

    private static List<Migration> testMigrations(String... files) {
        return Migrator.load(DatabaseTest.class.getClassLoader(), "db/test-migration", List.of(files));
    }

    private static String pragma(Database database, String name) {
        return database.read(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
                rows.next();
                return rows.getString(1);
            }
        });
    }
}
