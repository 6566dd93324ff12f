package com.portfolioorchestrator.persistence;

import com.portfolioorchestrator.core.Checks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The synchronous store of safety state: engine state parts, reservations, operator actions, snapshots and profile
 * changes. <b>Every write method has committed when it returns</b> (one transaction per call; under
 * {@link StateDurability#PROCESS_CRASH} that survives {@code kill -9}, under {@link StateDurability#POWER_LOSS} also
 * a power cut), so the app layer may answer a request that depends on the change only after the call returned. A
 * write that throws has changed nothing.
 *
 * <p>Writes share one connection and {@link Database}'s write lock with the decision log's batches, so a write waits
 * at most for one log batch ({@link DecisionLog.Settings#maxBatchSize()} rows). Reads use the reader pool and see the
 * last committed value. Thread-safe.
 */
public final class StateStore implements AutoCloseable {
    private final Database database;
    private final Clock clock;
    private final Connection writer;
    // Prepared once for the decision path; used only under the database's write lock.
    private final PreparedStatement upsertState;
    private final PreparedStatement upsertReservation;
    private final PreparedStatement deleteReservation;

    private StateStore(Database database) {
        this.database = database;
        this.clock = database.clock();
        this.writer = database.openWriter(database.stateDurability());
        try {
            this.upsertState = writer.prepareStatement("INSERT INTO engine_state (key, json, updated_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT (key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at");
            this.upsertReservation = writer.prepareStatement("INSERT INTO reservations (decision_id, bot_id, expires_at,"
                    + " json) VALUES (?, ?, ?, ?) ON CONFLICT (decision_id) DO UPDATE SET bot_id = excluded.bot_id,"
                    + " expires_at = excluded.expires_at, json = excluded.json");
            this.deleteReservation = writer.prepareStatement("DELETE FROM reservations WHERE decision_id = ?");
        } catch (SQLException e) {
            throw new PersistenceException("cannot prepare the state store statements: " + e.getMessage(), e);
        }
    }

    /** Opens a writer connection on {@code database} with its {@link StateDurability}. */
    public static StateStore open(Database database) {
        return new StateStore(Checks.notNull(database, "database"));
    }

    // ---- engine state ----

    /**
     * Stores the latest full value of each given part (e.g. {@code breakers}, {@code cooldowns}, {@code kill_switch})
     * in one transaction; parts not given keep their value. Committed when it returns.
     *
     * @param parts part name -> JSON; names non-blank, values non-blank JSON
     */
    public void saveState(Map<String, String> parts) {
        Map<String, String> checked = checkParts(parts);
        write("save state " + checked.keySet(), connection -> {
            upsertParts(checked);
            return null;
        });
    }

    /**
     * Stores the parts and appends the operator action in one transaction (e.g. the kill switch and who pulled it), so
     * neither is kept without the other. Committed when it returns.
     *
     * @return the id of the operator action
     */
    public long saveState(Map<String, String> parts, OperatorAction action) {
        Map<String, String> checked = checkParts(parts);
        Checks.notNull(action, "action");
        return write("save state " + checked.keySet() + " with action " + action.action(), connection -> {
            upsertParts(checked);
            return insertAction(connection, action);
        });
    }

    /** Every stored part, ordered by name. */
    public Map<String, String> loadState() {
        return database.read(connection -> {
            Map<String, String> parts = new TreeMap<>();
            try (Statement query = connection.createStatement();
                 ResultSet rows = query.executeQuery("SELECT key, json FROM engine_state")) {
                while (rows.next()) {
                    parts.put(rows.getString(1), rows.getString(2));
                }
            }
            return Collections.unmodifiableMap(parts);
        });
    }

    private static Map<String, String> checkParts(Map<String, String> parts) {
        Checks.notNull(parts, "parts");
        Map<String, String> checked = new TreeMap<>();
        parts.forEach((key, json) -> {
            Checks.notBlank(key, "state part name");
            checked.put(key, Checks.notBlank(json, "state part '" + key + "'"));
        });
        return checked;
    }

    private void upsertParts(Map<String, String> parts) throws SQLException {
        long now = clock.millis();
        for (Map.Entry<String, String> part : parts.entrySet()) {
            upsertState.setString(1, part.getKey());
            upsertState.setString(2, part.getValue());
            upsertState.setLong(3, now);
            upsertState.executeUpdate();
        }
    }

    // ---- reservations ----

    /** Stores or replaces the reservation of its decision. Committed when it returns. */
    public void putReservation(Reservation reservation) {
        Checks.notNull(reservation, "reservation");
        write("put reservation " + reservation.decisionId(), connection -> {
            upsertReservation.setString(1, reservation.decisionId());
            upsertReservation.setString(2, reservation.botId());
            upsertReservation.setLong(3, reservation.expiresAt().toEpochMilli());
            upsertReservation.setString(4, reservation.json());
            return upsertReservation.executeUpdate();
        });
    }

    /** Removes the reservation of a decision (filled, cancelled, expired). Committed when it returns. */
    public boolean removeReservation(String decisionId) {
        Checks.notBlank(decisionId, "decision_id");
        return write("remove reservation " + decisionId, connection -> {
            deleteReservation.setString(1, decisionId);
            return deleteReservation.executeUpdate() == 1;
        });
    }

    /** Removes every reservation with {@code expires_at <= now}. Committed when it returns. */
    public int removeExpiredReservations(Instant now) {
        Checks.notNull(now, "now");
        return write("remove reservations expired at " + now, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM reservations WHERE expires_at <= ?")) {
                delete.setLong(1, now.toEpochMilli());
                return delete.executeUpdate();
            }
        });
    }

    /** Every stored reservation, soonest expiry first. */
    public List<Reservation> loadReservations() {
        return database.read(connection -> {
            List<Reservation> reservations = new ArrayList<>();
            try (Statement query = connection.createStatement();
                 ResultSet rows = query.executeQuery("SELECT decision_id, bot_id, expires_at, json FROM reservations"
                         + " ORDER BY expires_at, decision_id")) {
                while (rows.next()) {
                    reservations.add(new Reservation(rows.getString(1), rows.getString(2),
                            Instant.ofEpochMilli(rows.getLong(3)), rows.getString(4)));
                }
            }
            return List.copyOf(reservations);
        });
    }

    // ---- operator actions ----

    /** Appends to the operator audit. Committed when it returns. @return the action's id (increasing) */
    public long appendOperatorAction(OperatorAction action) {
        Checks.notNull(action, "action");
        return write("append operator action " + action.action(), connection -> insertAction(connection, action));
    }

    /** Operator actions at or after {@code since}, oldest first, at most {@code limit} (1..10,000). */
    public List<OperatorAction> operatorActionsSince(Instant since, int limit) {
        Checks.notNull(since, "since");
        checkLimit(limit);
        return database.read(connection -> {
            List<OperatorAction> actions = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT at, operator, action, json"
                    + " FROM operator_actions WHERE at >= ? ORDER BY at, id LIMIT ?")) {
                query.setLong(1, since.toEpochMilli());
                query.setInt(2, limit);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        actions.add(new OperatorAction(Instant.ofEpochMilli(rows.getLong(1)), rows.getString(2),
                                rows.getString(3), rows.getString(4)));
                    }
                }
            }
            return List.copyOf(actions);
        });
    }

    private static long insertAction(Connection connection, OperatorAction action) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO operator_actions (at, operator, action, json) VALUES (?, ?, ?, ?) RETURNING id")) {
            insert.setLong(1, action.at().toEpochMilli());
            insert.setString(2, action.operator());
            insert.setString(3, action.action());
            insert.setString(4, action.json());
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        }
    }

    // ---- snapshots ----

    /** Appends a snapshot of {@code kind} describing instant {@code at}. Committed when it returns. */
    public void appendSnapshot(SnapshotKind kind, Instant at, String json) {
        Snapshot snapshot = new Snapshot(kind, at, json);
        write("append " + kind.table() + " snapshot", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + kind.table() + " (at, json) VALUES (?, ?)")) {
                insert.setLong(1, snapshot.at().toEpochMilli());
                insert.setString(2, snapshot.json());
                return insert.executeUpdate();
            }
        });
    }

    /** The snapshot with the latest {@code at} (the last appended among equals). */
    public Optional<Snapshot> latestSnapshot(SnapshotKind kind) {
        Checks.notNull(kind, "kind");
        List<Snapshot> latest = snapshots(kind, "SELECT at, json FROM " + kind.table()
                + " ORDER BY at DESC, id DESC LIMIT 1", Instant.EPOCH);
        return latest.stream().findFirst();
    }

    /**
     * Snapshots with {@code at >= since}, oldest first. Unbounded: keep {@code since} recent (a 15 s control cycle
     * writes 5,760 a day per kind) and prune old ones with {@link #pruneSnapshotsBefore}.
     */
    public List<Snapshot> snapshotsSince(SnapshotKind kind, Instant since) {
        Checks.notNull(kind, "kind");
        Checks.notNull(since, "since");
        return snapshots(kind, "SELECT at, json FROM " + kind.table() + " WHERE at >= ? ORDER BY at, id", since);
    }

    /** Deletes snapshots of {@code kind} with {@code at < cutoff} (retention). Committed when it returns. */
    public int pruneSnapshotsBefore(SnapshotKind kind, Instant cutoff) {
        Checks.notNull(kind, "kind");
        Checks.notNull(cutoff, "cutoff");
        return write("prune " + kind.table(), connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + kind.table() + " WHERE at < ?")) {
                delete.setLong(1, cutoff.toEpochMilli());
                return delete.executeUpdate();
            }
        });
    }

    private List<Snapshot> snapshots(SnapshotKind kind, String sql, Instant since) {
        return database.read(connection -> {
            List<Snapshot> snapshots = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                if (sql.contains("?")) {
                    query.setLong(1, since.toEpochMilli());
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        snapshots.add(new Snapshot(kind, Instant.ofEpochMilli(rows.getLong(1)), rows.getString(2)));
                    }
                }
            }
            return List.copyOf(snapshots);
        });
    }

    // ---- profile changes ----

    /** Stores a new profile change request. Committed when it returns. @return it, with its new id */
    public ProfileChange insertProfileChange(String requestedBy, Instant requestedAt, String profile, String reason,
                                             String status) {
        // Validate everything before touching the database; the id is a placeholder until the row exists.
        ProfileChange draft = new ProfileChange(1, requestedBy, requestedAt, profile, reason, status,
                Optional.empty(), Optional.empty());
        long id = write("insert profile change to " + profile, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO profile_changes (requested_by,"
                    + " requested_at, profile, reason, status) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                insert.setString(1, draft.requestedBy());
                insert.setLong(2, draft.requestedAt().toEpochMilli());
                insert.setString(3, draft.profile());
                insert.setString(4, draft.reason());
                insert.setString(5, draft.status());
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
        return new ProfileChange(id, draft.requestedBy(), draft.requestedAt(), draft.profile(), draft.reason(),
                draft.status(), Optional.empty(), Optional.empty());
    }

    /**
     * Writes {@code updated}'s status and approver if the stored status is still {@code expectedStatus}
     * (compare-and-set: of two operators approving at once, one wins). The request fields never change. Committed
     * when it returns.
     *
     * @return true if updated; false if the row is missing or its status was no longer {@code expectedStatus}
     */
    public boolean updateProfileChange(ProfileChange updated, String expectedStatus) {
        Checks.notNull(updated, "updated");
        ProfileChange.checkStatus(expectedStatus);
        return write("update profile change " + updated.id(), connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE profile_changes SET status = ?,"
                    + " approved_by = ?, approved_at = ? WHERE id = ? AND status = ?")) {
                update.setString(1, updated.status());
                update.setString(2, updated.approvedBy().orElse(null));
                if (updated.approvedAt().isPresent()) {
                    update.setLong(3, updated.approvedAt().get().toEpochMilli());
                } else {
                    update.setNull(3, java.sql.Types.INTEGER);
                }
                update.setLong(4, updated.id());
                update.setString(5, expectedStatus);
                return update.executeUpdate() == 1;
            }
        });
    }

    public Optional<ProfileChange> findProfileChange(long id) {
        List<ProfileChange> found = profileChanges("WHERE id = ?", query -> query.setLong(1, id));
        return found.stream().findFirst();
    }

    /** Profile changes with this status, oldest request first. */
    public List<ProfileChange> findProfileChanges(String status) {
        ProfileChange.checkStatus(status);
        return profileChanges("WHERE status = ? ORDER BY requested_at, id", query -> query.setString(1, status));
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<ProfileChange> profileChanges(String where, Binder binder) {
        return database.read(connection -> {
            List<ProfileChange> changes = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT id, requested_by, requested_at, profile,"
                    + " reason, status, approved_by, approved_at FROM profile_changes " + where)) {
                binder.bind(query);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        long approvedAt = rows.getLong(8);
                        Optional<Instant> approved = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(approvedAt));
                        changes.add(new ProfileChange(rows.getLong(1), rows.getString(2),
                                Instant.ofEpochMilli(rows.getLong(3)), rows.getString(4), rows.getString(5),
                                rows.getString(6), Optional.ofNullable(rows.getString(7)), approved));
                    }
                }
            }
            return List.copyOf(changes);
        });
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be in [1, 10000], was " + limit);
        }
    }

    private <T> T write(String what, SqlFunction<T> work) {
        try {
            return database.write(writer, work);
        } catch (SQLException e) {
            throw new PersistenceException(what + " failed on " + database.file() + ": " + e.getMessage(), e);
        }
    }

    /** Closes the writer connection; the reader pool belongs to the {@link Database}. */
    @Override
    public void close() {
        try {
            writer.close();
        } catch (SQLException e) {
            throw new PersistenceException("closing the state store connection failed: " + e.getMessage(), e);
        }
    }
}
