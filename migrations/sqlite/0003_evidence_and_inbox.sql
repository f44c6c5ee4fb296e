-- Schema v3: evidence (entries, tags, revisions), prompt feedback, and the inbox of incoming DMs.
-- (v2, schedules and deliveries, is a separate intent in its own file.)
--
-- Reflection text lives only in evidence.answers and evidence_revisions.answers, as JSON text
-- (an array of {"stem", "text"}), so export and erasure have two columns to look at. The inbox
-- holds a message's text only until it is processed.
-- Snowflakes are INTEGER (i64); timestamps are RFC 3339 text in UTC, which sorts in time order.

CREATE TABLE evidence (
    -- AUTOINCREMENT: an id is never reused, so a stale button or link to a deleted entry can
    -- never land on a newer one.
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    member      INTEGER NOT NULL REFERENCES members (discord_id) ON DELETE CASCADE,
    source      TEXT    NOT NULL,
    -- `form:<interaction id>` or `dm:<message id>`: a duplicated event records one entry.
    source_key  TEXT    NOT NULL UNIQUE,
    -- The delivery the entry answers. No foreign key: deliveries arrive in a separate migration,
    -- and evidence must outlive the outbox row it answered.
    delivery_id INTEGER,
    prompt_id   TEXT,
    prompt_text TEXT,
    answers     TEXT    NOT NULL,
    shared      INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX evidence_by_member ON evidence (member, created_at);

-- A tag is the Tag id (`population-health`, `outcome-3`).
CREATE TABLE evidence_tags (
    evidence_id INTEGER NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
    tag         TEXT    NOT NULL,
    PRIMARY KEY (evidence_id, tag)
);

CREATE TABLE evidence_revisions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    evidence_id INTEGER NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
    answers     TEXT    NOT NULL,
    replaced_at TEXT    NOT NULL
);
CREATE INDEX evidence_revisions_by_entry ON evidence_revisions (evidence_id, replaced_at);

CREATE TABLE prompt_feedback (
    member          INTEGER NOT NULL REFERENCES members (discord_id) ON DELETE CASCADE,
    prompt_id       TEXT    NOT NULL,
    not_relevant_at TEXT    NOT NULL,
    PRIMARY KEY (member, prompt_id)
);

-- Written before any processing, keyed by the event (`create:<id>`, `edit:<id>:<ms>`). No
-- foreign key on author: a DM from someone not on the roster is still recorded, to be answered.
CREATE TABLE inbox (
    event_key      TEXT    PRIMARY KEY,
    message_id     INTEGER NOT NULL,
    channel_id     INTEGER NOT NULL,
    author         INTEGER NOT NULL,
    kind           TEXT    NOT NULL,
    -- NULL once processed: the evidence keeps what is needed.
    content        TEXT,
    reply_to       INTEGER,
    written_at     TEXT    NOT NULL,
    received_at    TEXT    NOT NULL,
    processed_at   TEXT,
    attempts       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT,
    last_failed_at TEXT
);
-- The processor's scan: unprocessed items, oldest first.
CREATE INDEX inbox_unprocessed ON inbox (received_at) WHERE processed_at IS NULL;
CREATE INDEX inbox_by_author ON inbox (author);
