-- Schema v1: members, their roles, teams, supervision links and the audit log.
-- Discord snowflakes are stored as BIGINT (i64); timestamps are TIMESTAMPTZ.
-- Enum-like columns (profession, status, role) hold the domain's slugs; the store parses every
-- value it reads back, and the SQLite schema (same version) cannot carry changeable CHECKs.

CREATE TABLE members (
    discord_id   BIGINT      PRIMARY KEY,
    display_name TEXT        NOT NULL,
    profession   TEXT        NOT NULL,
    timezone     TEXT        NOT NULL,
    status       TEXT        NOT NULL DEFAULT 'active',
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE member_roles (
    discord_id BIGINT NOT NULL REFERENCES members (discord_id) ON DELETE CASCADE,
    role       TEXT   NOT NULL,
    PRIMARY KEY (discord_id, role)
);

CREATE TABLE teams (
    id         BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT        NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);

-- A member belongs to at most one team, as the roster has one team column.
CREATE TABLE team_members (
    discord_id BIGINT PRIMARY KEY REFERENCES members (discord_id) ON DELETE CASCADE,
    team_id    BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE
);
CREATE INDEX team_members_by_team ON team_members (team_id);

CREATE TABLE supervision (
    supervisor_id BIGINT NOT NULL REFERENCES members (discord_id) ON DELETE CASCADE,
    trainee_id    BIGINT NOT NULL REFERENCES members (discord_id) ON DELETE CASCADE,
    PRIMARY KEY (supervisor_id, trainee_id),
    CHECK (supervisor_id <> trainee_id)
);
CREATE INDEX supervision_by_trainee ON supervision (trainee_id);

-- Who did what to whose data; never the content. No foreign keys, so the trail outlives the
-- rows it talks about.
CREATE TABLE audit_log (
    id                 BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at                 TIMESTAMPTZ NOT NULL,
    actor_discord_id   BIGINT,
    action             TEXT        NOT NULL,
    subject_discord_id BIGINT,
    detail             TEXT        NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_subject ON audit_log (subject_discord_id, at);
