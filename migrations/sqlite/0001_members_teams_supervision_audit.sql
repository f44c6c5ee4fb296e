-- Schema v1: members, their roles, teams, supervision links and the audit log.
-- Discord snowflakes are stored as INTEGER (i64). Timestamps are RFC 3339 text in UTC, written
-- by sqlx from chrono::DateTime<Utc>, which sorts in time order.
-- Enum-like columns (profession, status, role) hold the domain's slugs; they carry no CHECK
-- because SQLite cannot change a CHECK without rebuilding the table, and the store parses every
-- value it reads back.

CREATE TABLE members (
    discord_id   INTEGER PRIMARY KEY,
    display_name TEXT    NOT NULL,
    profession   TEXT    NOT NULL,
    timezone     TEXT    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'active',
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

CREATE TABLE member_roles (
    discord_id INTEGER NOT NULL REFERENCES members (discord_id) ON DELETE CASCADE,
    role       TEXT    NOT NULL,
    PRIMARY KEY (discord_id, role)
);

CREATE TABLE teams (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL
);

-- A member belongs to at most one team, as the roster has one team column.
CREATE TABLE team_members (
    discord_id INTEGER PRIMARY KEY REFERENCES members (discord_id) ON DELETE CASCADE,
    team_id    INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE
);
CREATE INDEX team_members_by_team ON team_members (team_id);

CREATE TABLE supervision (
    supervisor_id INTEGER NOT NULL REFERENCES members (discord_id) ON DELETE CASCADE,
    trainee_id    INTEGER NOT NULL REFERENCES members (discord_id) ON DELETE CASCADE,
    PRIMARY KEY (supervisor_id, trainee_id),
    CHECK (supervisor_id <> trainee_id)
);
CREATE INDEX supervision_by_trainee ON supervision (trainee_id);

-- Who did what to whose data; never the content. No foreign keys, so the trail outlives the
-- rows it talks about.
CREATE TABLE audit_log (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    at                 TEXT    NOT NULL,
    actor_discord_id   INTEGER,
    action             TEXT    NOT NULL,
    subject_discord_id INTEGER,
    detail             TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_subject ON audit_log (subject_discord_id, at);
