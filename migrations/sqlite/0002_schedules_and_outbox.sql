-- Schema v2: prompt schedules, the delivery outbox and each member's cached DM channel.
-- Same conventions as v1: snowflakes are INTEGER (i64), instants are RFC 3339 text in UTC
-- (written by sqlx, so they sort and compare in time order), local dates are 'YYYY-MM-DD' text,
-- local times 'HH:MM:SS' text, and enum-like columns hold the domain's slugs without a CHECK.

-- One schedule per member: the rule as columns, plus the scheduler's cursor.
CREATE TABLE schedules (
    discord_id       INTEGER PRIMARY KEY REFERENCES members (discord_id) ON DELETE CASCADE,
    -- 'weekly', 'fortnightly' or 'weekdays'.
    cadence          TEXT    NOT NULL,
    -- The cadence's days as a bit set, Monday = 1 … Sunday = 64 (one bit unless 'weekdays').
    weekdays         INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
    -- For 'fortnightly' only: the first occurrence the fortnights count from.
    fortnight_anchor TEXT,
    local_time       TEXT    NOT NULL,
    -- An IANA zone name, e.g. 'Europe/London'.
    timezone         TEXT    NOT NULL,
    holiday_region   TEXT    NOT NULL,
    quiet_start      TEXT,
    quiet_end        TEXT,
    -- NULL: nothing ahead (paused until further notice).
    next_due         TEXT,
    checked_until    TEXT    NOT NULL,
    CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
);
-- The scheduler's question: which schedules are due now?
CREATE INDEX schedules_by_next_due ON schedules (next_due) WHERE next_due IS NOT NULL;

-- A schedule's pauses, in the member's order (position), replaced whole on each save.
CREATE TABLE schedule_pauses (
    discord_id INTEGER NOT NULL REFERENCES schedules (discord_id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    from_date  TEXT    NOT NULL,
    -- NULL: until further notice.
    until_date TEXT,
    PRIMARY KEY (discord_id, position)
);

-- The outbox: every prompt is recorded here before it is sent. AUTOINCREMENT so that an id is
-- never reused: ids travel in Discord buttons, and a stale click must not find another delivery.
CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    discord_id      INTEGER NOT NULL REFERENCES members (discord_id) ON DELETE CASCADE,
    occurrence_key  TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    prompt_id       TEXT    NOT NULL,
    area            TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending',
    due_at          TEXT    NOT NULL,
    -- For a snooze or reminder: the delivery it follows.
    follows         INTEGER REFERENCES deliveries (id) ON DELETE SET NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    -- When the sender may next try; a claiming sender's lease.
    next_attempt_at TEXT    NOT NULL,
    channel_id      INTEGER,
    message_id      INTEGER,
    sent_at         TEXT,
    closed_at       TEXT,
    -- A short error code, never message content.
    last_error      TEXT,
    -- Deciding an occurrence is due twice still records it once.
    UNIQUE (discord_id, occurrence_key)
);
-- The sender's claim: pending work, oldest due first.
CREATE INDEX deliveries_pending ON deliveries (due_at, id) WHERE status = 'pending';
-- Sent and still open: reminders, and which prompt a free-text reply answers.
CREATE INDEX deliveries_sent ON deliveries (sent_at) WHERE status = 'sent';
-- A button click or reply names the prompt's message.
CREATE INDEX deliveries_by_message ON deliveries (message_id) WHERE message_id IS NOT NULL;
-- "Has this delivery had its reminder yet?"
CREATE INDEX deliveries_by_follows ON deliveries (follows) WHERE follows IS NOT NULL;
-- Per-member history is served by the UNIQUE (discord_id, occurrence_key) index.

-- Each member's DM channel, and how far the bot has read it (the backfill cursor).
CREATE TABLE dm_channels (
    discord_id           INTEGER PRIMARY KEY REFERENCES members (discord_id) ON DELETE CASCADE,
    channel_id           INTEGER NOT NULL UNIQUE,
    last_seen_message_id INTEGER
);
