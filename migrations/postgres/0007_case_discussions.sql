-- Schema v7: case discussions. The bot keeps a case's metadata (its thread, title, template,
-- domains, stage, lead) and at the close the lead's summary; who took part is kept as ids only.
-- The contributions themselves stay Discord messages and are never stored.

-- Where a team's case threads open (set with /case channel or in config).
CREATE TABLE team_case_channels (
    team_id    BIGINT PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
    channel_id BIGINT NOT NULL,
    guild_id   BIGINT NOT NULL
);

CREATE TABLE cases (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id             BIGINT  NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    channel_id          BIGINT  NOT NULL,
    thread_id           BIGINT  NOT NULL UNIQUE,
    title               TEXT    NOT NULL,
    template            TEXT    NOT NULL,
    -- Area ids joined by commas, in the order the lead gave them.
    domains             TEXT    NOT NULL,
    stage               INTEGER NOT NULL DEFAULT 0,
    lead                BIGINT  NOT NULL,
    status              TEXT    NOT NULL DEFAULT 'open',
    opened_at           TIMESTAMPTZ NOT NULL,
    closed_at           TIMESTAMPTZ,
    summary_learning    TEXT,
    summary_differently TEXT,
    summary_questions   TEXT
);

-- When each first wrote in the thread: a supervisor's digest counts the discussions joined.
CREATE TABLE case_contributors (
    case_id    BIGINT      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    discord_id BIGINT      NOT NULL,
    first_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (case_id, discord_id)
);
CREATE INDEX case_contributors_by_member ON case_contributors (discord_id, first_at);
