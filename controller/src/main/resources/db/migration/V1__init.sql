-- V1: initial schema of the orchestrator's durable state.
-- Conventions: every time is epoch milliseconds UTC (INTEGER); every *_json / json column holds the app layer's
-- Jackson output and is checked with json_valid(); ids are non-empty TEXT. The migrator runs this file inside one
-- transaction (do not put BEGIN/COMMIT here) and records it in schema_version.

-- Append-only audit log of every answered decision, written in batches by DecisionLog (at most ~50 ms behind).
CREATE TABLE decisions (
    decision_id   TEXT    NOT NULL PRIMARY KEY CHECK (length(decision_id) > 0),
    request_id    TEXT    NOT NULL CHECK (length(request_id) > 0),
    bot_id        TEXT    NOT NULL CHECK (length(bot_id) > 0),
    received_at   INTEGER NOT NULL,
    allowed       INTEGER NOT NULL CHECK (allowed IN (0, 1)),
    deny_code     TEXT    CHECK ((allowed = 1 AND deny_code IS NULL)
                              OR (allowed = 0 AND deny_code IS NOT NULL AND length(deny_code) > 0)),
    -- response and checks are this service's own serialisation (~5-7 KB a row): not re-parsed by json_valid on every
    -- insert, a cost that sat on the audit path of every decision; the request (small) still is
    request_json  TEXT    NOT NULL CHECK (json_valid(request_json)),
    response_json TEXT    NOT NULL,
    checks_json   TEXT    NOT NULL,
    latency_us    REAL    NOT NULL CHECK (latency_us >= 0),
    UNIQUE (bot_id, request_id)
);
-- Filters of GET /api/v1/decisions, newest first (rowid breaks ties in received_at).
CREATE INDEX decisions_by_time     ON decisions (received_at);
CREATE INDEX decisions_by_bot_time ON decisions (bot_id, received_at);
CREATE INDEX decisions_by_code     ON decisions (deny_code, received_at) WHERE deny_code IS NOT NULL;
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions is append-only: UPDATE refused'); END;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions is append-only: DELETE refused'); END;

-- Snapshots written every control cycle and on change (GET /api/v1/state, post-mortem, dashboard history).
CREATE TABLE risk_state (
    id   INTEGER PRIMARY KEY,
    at   INTEGER NOT NULL,
    json TEXT    NOT NULL CHECK (json_valid(json))
);
CREATE INDEX risk_state_by_time ON risk_state (at);
CREATE TABLE allocation_state (
    id   INTEGER PRIMARY KEY,
    at   INTEGER NOT NULL,
    json TEXT    NOT NULL CHECK (json_valid(json))
);
CREATE INDEX allocation_state_by_time ON allocation_state (at);
CREATE TABLE execution_guard_state (
    id   INTEGER PRIMARY KEY,
    at   INTEGER NOT NULL,
    json TEXT    NOT NULL CHECK (json_valid(json))
);
CREATE INDEX execution_guard_state_by_time ON execution_guard_state (at);

-- Latest full value of each part of the engine's safety state (breakers, cooldowns, streaks, regime, kill switch,
-- trading state, active profile, rate windows...), one row per part, committed before the answer that depends on it.
CREATE TABLE engine_state (
    key        TEXT    NOT NULL PRIMARY KEY CHECK (length(key) > 0),
    json       TEXT    NOT NULL CHECK (json_valid(json)),
    updated_at INTEGER NOT NULL
);

-- Open reservations of allowed decisions. No foreign key to decisions: the reservation is committed synchronously
-- before the answer, the decision row follows in the next log batch.
CREATE TABLE reservations (
    decision_id TEXT    NOT NULL PRIMARY KEY CHECK (length(decision_id) > 0),
    bot_id      TEXT    NOT NULL CHECK (length(bot_id) > 0),
    expires_at  INTEGER NOT NULL,
    json        TEXT    NOT NULL CHECK (json_valid(json))
);
CREATE INDEX reservations_by_expiry ON reservations (expires_at);

-- Append-only audit of operator actions (profile switch, approvals, breaker disable, kill switch, reloads).
CREATE TABLE operator_actions (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       INTEGER NOT NULL,
    operator TEXT    NOT NULL CHECK (length(operator) > 0),
    action   TEXT    NOT NULL CHECK (length(action) > 0),
    json     TEXT    NOT NULL CHECK (json_valid(json))
);
CREATE INDEX operator_actions_by_time ON operator_actions (at);
CREATE TRIGGER operator_actions_no_update BEFORE UPDATE ON operator_actions
BEGIN SELECT RAISE(ABORT, 'operator_actions is append-only: UPDATE refused'); END;
CREATE TRIGGER operator_actions_no_delete BEFORE DELETE ON operator_actions
BEGIN SELECT RAISE(ABORT, 'operator_actions is append-only: DELETE refused'); END;

-- Two-person profile switches (PRODUCT.md section 6). AUTOINCREMENT: an id in a URL is never reused.
CREATE TABLE profile_changes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    requested_by TEXT    NOT NULL CHECK (length(requested_by) > 0),
    requested_at INTEGER NOT NULL,
    profile      TEXT    NOT NULL CHECK (length(profile) > 0),
    reason       TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (length(status) > 0),
    approved_by  TEXT,
    approved_at  INTEGER,
    CHECK ((approved_by IS NULL) = (approved_at IS NULL))
);
CREATE INDEX profile_changes_by_status ON profile_changes (status, requested_at);
