-- Schema v5: opt-in wellbeing check-ins. Consent is kept as a history (version, when agreed,
-- when withdrawn); each member who opted in has one row of check-in settings with its own
-- cadence and the scheduler's cursor; answers are scores with an optional note, which the
-- retention job removes after their periods. Check-ins themselves travel on the outbound
-- queue (deliveries of kind 'checkin').

CREATE TABLE wellbeing_consents (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    discord_id   BIGINT NOT NULL REFERENCES members (discord_id) ON DELETE CASCADE,
    version      TEXT    NOT NULL,
    agreed_at    TIMESTAMPTZ NOT NULL,
    withdrawn_at TIMESTAMPTZ
);
CREATE INDEX wellbeing_consents_by_member ON wellbeing_consents (discord_id, agreed_at);

CREATE TABLE wellbeing_members (
    discord_id    BIGINT PRIMARY KEY REFERENCES members (discord_id) ON DELETE CASCADE,
    -- The consent version in force; NULL once withdrawn.
    consent_version TEXT,
    -- 'weekly' or 'fortnightly'; the day as a bit (Monday = 1 … Sunday = 64).
    cadence       TEXT    NOT NULL,
    weekday       INTEGER NOT NULL CHECK (weekday IN (1, 2, 4, 8, 16, 32, 64)),
    fortnight_anchor DATE,
    local_time    TIME    NOT NULL,
    -- Whether the member's supervisor may see their scores (off unless they turn it on).
    sharing       BOOLEAN NOT NULL DEFAULT FALSE,
    next_due      TIMESTAMPTZ,
    checked_until TIMESTAMPTZ NOT NULL
);
CREATE INDEX wellbeing_members_due ON wellbeing_members (next_due)
    WHERE next_due IS NOT NULL AND consent_version IS NOT NULL;

CREATE TABLE checkin_answers (
    delivery_id BIGINT PRIMARY KEY,
    discord_id  BIGINT NOT NULL REFERENCES members (discord_id) ON DELETE CASCADE,
    -- Removed by the retention job: the note after its period, the whole row after the score's.
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    note        TEXT,
    answered_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX checkin_answers_by_member ON checkin_answers (discord_id, answered_at);
