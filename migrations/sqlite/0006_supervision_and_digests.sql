-- Schema v6: what a supervisor sees, and plans a member comes back to. An entry is shared from `shared_at` (so a digest lists what
-- was shared that week) and may be flagged "want to discuss" (`discuss_at`); supervisors
-- acknowledge or comment on shared entries; supervisors subscribe to a weekly digest, which
-- travels on the outbound queue like every other message.

ALTER TABLE evidence ADD COLUMN shared_at TEXT;
ALTER TABLE evidence ADD COLUMN discuss_at TEXT;
UPDATE evidence SET shared_at = updated_at WHERE shared = 1;
-- The digest's shared entries of a supervisee, without reading their private ones.
CREATE INDEX evidence_shared_by_member ON evidence (member, shared_at) WHERE shared = TRUE;
-- "Prompts answered this week": the entry that answers a delivery.
CREATE INDEX evidence_by_delivery ON evidence (delivery_id) WHERE delivery_id IS NOT NULL;
-- "Prompts sent this week", per member.
CREATE INDEX deliveries_by_member_sent ON deliveries (discord_id, sent_at)
    WHERE sent_at IS NOT NULL;

-- A supervisor's acknowledgement (no body) or comment on a trainee's shared entry. Part of the
-- trainee's evidence ("supervisor reviewed"), so it goes with the entry. No foreign key on the
-- author: the comment stays on the trainee's record if the supervisor leaves the roster.
CREATE TABLE evidence_comments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    evidence_id INTEGER NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
    author      INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    body        TEXT,
    created_at  TEXT    NOT NULL,
    CHECK ((kind = 'comment') = (body IS NOT NULL))
);
CREATE INDEX evidence_comments_by_entry ON evidence_comments (evidence_id, created_at);

-- A weekly digest: the day (ISO, Monday = 1) and local time in the supervisor's timezone, and
-- the scheduler's cursor, moved by compare-and-set with the queued digest in one transaction.
CREATE TABLE digest_subscriptions (
    supervisor INTEGER PRIMARY KEY REFERENCES members (discord_id) ON DELETE CASCADE,
    weekday    INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    local_time TEXT    NOT NULL,
    next_due   TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX digest_subscriptions_due ON digest_subscriptions (next_due);

-- A reflection that ends with a plan gets one follow-up prompt weeks later; the answer is a new
-- entry naming the entry whose plan it comes back to.
ALTER TABLE evidence ADD COLUMN follows_up INTEGER;

-- What a member chose about their own prompts: how many weeks after a plan its follow-up
-- comes (0 = never). No row = the default (6 weeks).
CREATE TABLE member_preferences (
    discord_id     INTEGER PRIMARY KEY REFERENCES members (discord_id) ON DELETE CASCADE,
    followup_weeks INTEGER NOT NULL CHECK (followup_weeks BETWEEN 0 AND 26)
);
