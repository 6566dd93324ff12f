package com.portfolioorchestrator.persistence;

import static com.portfolioorchestrator.persistence.Fixtures.CLOCK;
import static com.portfolioorchestrator.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    private static final String BREAKERS = "{\"daily_loss\":{\"state\":\"TRIPPED\",\"until\":\"2026-11-24T00:00:00Z\"}}";
    private static final String KILL_SWITCH = "{\"active\":true,\"by\":\"alice\",\"reason\":\"exchange outage\"}";

    @TempDir
    Path dir;
    private Path file;
    private Database database;
    private StateStore store;

    @BeforeEach
    void open() {
        file = dir.resolve("orchestrator.db");
        database = Database.open(file, CLOCK, StateDurability.PROCESS_CRASH);
        store = StateStore.open(database);
    }

    @AfterEach
    void close() {
        store.close();
        database.close();
    }

    @Test
    void saveState_isCommittedWhenItReturns_andUpdatesOnlyTheGivenParts() throws SQLException {
        store.saveState(Map.of("breakers", BREAKERS, "kill_switch", "{\"active\":false}"));
        assertThat(Fixtures.strings(file, "SELECT key FROM engine_state ORDER BY key"))
                .as("visible to another connection at once").containsExactly("breakers", "kill_switch");

        store.saveState(Map.of("kill_switch", KILL_SWITCH));

        assertThat(store.loadState()).containsExactly(Map.entry("breakers", BREAKERS), Map.entry("kill_switch", KILL_SWITCH));
        assertThat(Fixtures.scalar(file, "SELECT updated_at FROM engine_state WHERE key = 'kill_switch'"))
                .isEqualTo(T0.toEpochMilli());
    }

    @Test
    void saveState_withOneBadPart_changesNothing() {
        store.saveState(Map.of("breakers", BREAKERS));
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("breakers", "{\"daily_loss\":{\"state\":\"ARMED\"}}");
        parts.put("cooldowns", "{not json");

        assertThatThrownBy(() -> store.saveState(parts))
                .isInstanceOf(PersistenceException.class)
                .hasMessageContaining("json_valid");

        assertThat(store.loadState()).containsExactly(Map.entry("breakers", BREAKERS));
    }

    @Test
    void saveStateWithAction_isAtomic() {
        OperatorAction badAction = new OperatorAction(T0, "alice", "KILL_SWITCH_ON", "{oops");

        assertThatThrownBy(() -> store.saveState(Map.of("kill_switch", KILL_SWITCH), badAction))
                .isInstanceOf(PersistenceException.class);
        assertThat(store.loadState()).isEmpty();

        long id = store.saveState(Map.of("kill_switch", KILL_SWITCH),
                new OperatorAction(T0, "alice", "KILL_SWITCH_ON", "{\"flatten\":false}"));
        assertThat(id).isPositive();
        assertThat(store.loadState()).containsEntry("kill_switch", KILL_SWITCH);
        assertThat(store.operatorActionsSince(T0, 10)).extracting(OperatorAction::action).containsExactly("KILL_SWITCH_ON");
    }

    @Test
    void saveState_validatesNamesAndValues() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("cooldowns", null);
        assertThatThrownBy(() -> store.saveState(nullValue)).hasMessage("state part 'cooldowns' must not be null");
        assertThatThrownBy(() -> store.saveState(Map.of(" ", "{}"))).hasMessage("state part name must not be blank, was ' '");
        assertThatThrownBy(() -> store.saveState(null)).hasMessage("parts must not be null");
    }

    @Test
    void reservations_putReplaceRemoveAndExpireAtTheBoundary() {
        Reservation first = new Reservation("d-1", "S1", T0.plusSeconds(180), "{\"notional\":500.0}");
        Reservation second = new Reservation("d-2", "S2", T0.plusSeconds(60), "{\"notional\":100.0}");
        Reservation third = new Reservation("d-3", "S3", T0.plusSeconds(120), "{\"notional\":50.0}");
        store.putReservation(first);
        store.putReservation(second);
        store.putReservation(third);
        Reservation firstExtended = new Reservation("d-1", "S1", T0.plusSeconds(240), "{\"notional\":400.0}");
        store.putReservation(firstExtended);

        assertThat(store.loadReservations()).containsExactly(second, third, firstExtended);
        assertThat(store.removeReservation("d-3")).isTrue();
        assertThat(store.removeReservation("d-3")).isFalse();

        assertThat(store.removeExpiredReservations(T0.plusSeconds(60).minusMillis(1))).isZero();
        assertThat(store.removeExpiredReservations(T0.plusSeconds(60))).as("expires_at == now is expired").isEqualTo(1);
        assertThat(store.loadReservations()).containsExactly(firstExtended);
    }

    @Test
    void snapshots_latestSinceAndPrune() {
        store.appendSnapshot(SnapshotKind.RISK, T0, "{\"gross\":0.10}");
        store.appendSnapshot(SnapshotKind.RISK, T0.plusSeconds(15), "{\"gross\":0.12}");
        store.appendSnapshot(SnapshotKind.RISK, T0.plusSeconds(15), "{\"gross\":0.13}");
        store.appendSnapshot(SnapshotKind.ALLOCATION, T0.plusSeconds(30), "{\"weights\":{}}");

        assertThat(store.latestSnapshot(SnapshotKind.RISK))
                .contains(new Snapshot(SnapshotKind.RISK, T0.plusSeconds(15), "{\"gross\":0.13}"));
        assertThat(store.latestSnapshot(SnapshotKind.EXECUTION_GUARD)).isEmpty();
        assertThat(store.snapshotsSince(SnapshotKind.RISK, T0.plusSeconds(15))).extracting(Snapshot::json)
                .containsExactly("{\"gross\":0.12}", "{\"gross\":0.13}");
        assertThat(store.snapshotsSince(SnapshotKind.ALLOCATION, T0)).hasSize(1);

        assertThat(store.pruneSnapshotsBefore(SnapshotKind.RISK, T0.plusSeconds(15))).isEqualTo(1);
        assertThat(store.snapshotsSince(SnapshotKind.RISK, T0)).hasSize(2);
        assertThatThrownBy(() -> store.appendSnapshot(SnapshotKind.RISK, T0, "")).hasMessage("json must not be blank, was ''");
    }

    @Test
    void profileChanges_insertFindAndCompareAndSetApproval() {
        ProfileChange request = store.insertProfileChange("alice", T0, "aggressive", "trend regime", "PENDING");
        ProfileChange other = store.insertProfileChange("carol", T0.plusSeconds(1), "conservative", "", "PENDING");
        assertThat(other.id()).isGreaterThan(request.id());
        assertThat(store.findProfileChange(request.id())).contains(request);

        ProfileChange approved = request.withStatus("APPROVED", Optional.of("bob"), Optional.of(T0.plusSeconds(60)));
        assertThat(store.updateProfileChange(approved, "PENDING")).isTrue();
        ProfileChange racing = request.withStatus("APPROVED", Optional.of("dave"), Optional.of(T0.plusSeconds(61)));
        assertThat(store.updateProfileChange(racing, "PENDING")).as("the second approver loses").isFalse();

        assertThat(store.findProfileChange(request.id())).contains(approved);
        assertThat(store.findProfileChanges("PENDING")).containsExactly(other);
        assertThat(store.findProfileChange(9_999)).isEmpty();
        assertThatThrownBy(() -> store.insertProfileChange("alice", T0, "aggressive", "x", "pending"))
                .hasMessage("status must be a SCREAMING_SNAKE code, was 'pending'");
        assertThatThrownBy(() -> request.withStatus("APPROVED", Optional.of("bob"), Optional.empty()))
                .hasMessageContaining("approved_by and approved_at must be both present or both empty");
    }

    @Test
    void everything_isRestoredExactly_byANewDatabaseOnTheSameFile() {
        Map<String, String> parts = Map.of("breakers", BREAKERS, "kill_switch", KILL_SWITCH,
                "cooldowns", "{\"S3\":\"2026-11-23T12:00:00Z\"}", "active_profile", "\"balanced\"");
        store.saveState(parts);
        Reservation reservation = new Reservation("d-7", "S7", T0.plusSeconds(180).plusNanos(999_999), "{\"risk\":12.5}");
        store.putReservation(reservation);
        OperatorAction action = new OperatorAction(T0, "alice", "BREAKER_DISABLE", "{\"ttl_hours\":12}");
        store.appendOperatorAction(action);
        store.appendSnapshot(SnapshotKind.EXECUTION_GUARD, T0, "{\"spread_bps\":3}");
        ProfileChange change = store.insertProfileChange("alice", T0, "aggressive", "why", "PENDING");

        store.close();
        database.close();
        database = Database.open(file, CLOCK, StateDurability.PROCESS_CRASH);
        store = StateStore.open(database);

        assertThat(store.loadState()).isEqualTo(parts);
        assertThat(store.loadReservations()).containsExactly(reservation);
        assertThat(store.operatorActionsSince(T0, 100)).containsExactly(action);
        assertThat(store.latestSnapshot(SnapshotKind.EXECUTION_GUARD)).map(Snapshot::json).contains("{\"spread_bps\":3}");
        assertThat(store.findProfileChange(change.id())).contains(change);
    }

    @Test
    void powerLossDurability_worksTheSame() {
        store.close();
        database.close();
        database = Database.open(file, CLOCK, StateDurability.POWER_LOSS);
        store = StateStore.open(database);

        store.saveState(Map.of("breakers", BREAKERS));

        assertThat(store.loadState()).containsEntry("breakers", BREAKERS);
        assertThat(database.stateDurability()).isEqualTo(StateDurability.POWER_LOSS);
    }
}
