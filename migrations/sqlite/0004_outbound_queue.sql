-- Schema v4: the outbox becomes one queue of outbound messages. A row is a message owed to a
-- member: a prompt (prompt_id and area set, as before), or another kind (a wellbeing check-in,
-- a notice; later digests and case follow-ups) whose typed payload is JSON in `payload`.
-- Everything else is shared by every kind: the unique dedupe key (occurrence_key), the lease
-- (next_attempt_at), the attempts, the status and where the message landed.
--
-- SQLite cannot drop NOT NULL in place, so the table is rebuilt and every row carried over with
-- its id; the AUTOINCREMENT counter is carried too, so no id is ever handed out twice. No other
-- table references deliveries (evidence keeps the id without a foreign key), so dropping the
-- old table touches nothing else.

CREATE TABLE deliveries_v4 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    discord_id      INTEGER NOT NULL REFERENCES members (discord_id) ON DELETE CASCADE,
    occurrence_key  TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    -- For prompts: which one, and the area it serves. NULL for every other kind.
    prompt_id       TEXT,
    area            TEXT,
    -- For other kinds: the typed payload as JSON (never a member's words).
    payload         TEXT,
    status          TEXT    NOT NULL DEFAULT 'pending',
    due_at          TEXT    NOT NULL,
    follows         INTEGER REFERENCES deliveries_v4 (id) ON DELETE SET NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    channel_id      INTEGER,
    message_id      INTEGER,
    sent_at         TEXT,
    closed_at       TEXT,
    last_error      TEXT,
    UNIQUE (discord_id, occurrence_key),
    CHECK ((prompt_id IS NULL) = (area IS NULL)),
    CHECK ((prompt_id IS NULL) <> (payload IS NULL))
);

INSERT INTO deliveries_v4 (id, discord_id, occurrence_key, kind, prompt_id, area, payload,
                           status, due_at, follows, attempts, next_attempt_at, channel_id,
                           message_id, sent_at, closed_at, last_error)
SELECT id, discord_id, occurrence_key, kind, prompt_id, area, NULL,
       status, due_at, follows, attempts, next_attempt_at, channel_id,
       message_id, sent_at, closed_at, last_error
FROM deliveries;

INSERT INTO sqlite_sequence (name, seq)
SELECT 'deliveries_v4', seq FROM sqlite_sequence
WHERE name = 'deliveries'
  AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'deliveries_v4');
UPDATE sqlite_sequence
SET seq = MAX(seq, COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'deliveries'), 0))
WHERE name = 'deliveries_v4';

DROP TABLE deliveries;
ALTER TABLE deliveries_v4 RENAME TO deliveries;

CREATE INDEX deliveries_pending ON deliveries (due_at, id) WHERE status = 'pending';
CREATE INDEX deliveries_sent ON deliveries (sent_at) WHERE status = 'sent';
CREATE INDEX deliveries_by_message ON deliveries (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX deliveries_by_follows ON deliveries (follows) WHERE follows IS NOT NULL;
-- A member's queued messages of one kind (withdrawing consent cancels queued check-ins).
CREATE INDEX deliveries_by_member_kind ON deliveries (discord_id, kind, status);
