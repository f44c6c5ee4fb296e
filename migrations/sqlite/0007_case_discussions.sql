-- Schema v7: case discussions. The bot keeps a case's metadata (its thread, title, template,
-- domains, stage, lead) and at the close the lead's summary; who took part is kept as ids only.
-- The contributions themselves stay Discord messages and are never stored.

-- Where a team's case threads open (set with /case channel or in config).
CREATE TABLE team_case_channels (
    team_id    INTEGER PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
    channel_id INTEGER NOT NULL,
    guild_id   INTEGER NOT NULL
);

CREATE TABLE cases (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id             INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    channel_id          INTEGER NOT NULL,
    thread_id           INTEGER NOT NULL UNIQUE,
    title               TEXT    NOT NULL,
    template            TEXT    NOT NULL,
    -- Area ids joined by commas, in the order the lead gave them.
    domains             TEXT    NOT NULL,
    stage               INTEGER NOT NULL DEFAULT 0,
    lead                INTEGER NOT NULL,
    status              TEXT    NOT NULL DEFAULT 'open',
    opened_at           TEXT    NOT NULL,
    closed_at           TEXT,
    summary_learning    TEXT,
    summary_differently TEXT,
    summary_questions   TEXT
);

-- When each first wrote in the thread: a supervisor's digest counts the discussions joined.
CREATE TABLE case_contributors (
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    discord_id INTEGER NOT NULL,
    first_at   TEXT    NOT NULL,
    PRIMARY KEY (case_id, discord_id)
);
CREATE INDEX case_contributors_by_member ON case_contributors (discord_id, first_at);
