-- Schema v4: the outbox becomes one queue of outbound messages. A row is a message owed to a
-- member: a prompt (prompt_id and area set, as before), or another kind (a wellbeing check-in,
-- a notice; later digests and case follow-ups) whose typed payload is JSON in `payload`.
-- Everything else is shared by every kind: the unique dedupe key (occurrence_key), the lease
-- (next_attempt_at), the attempts, the status and where the message landed. Existing rows are
-- all prompts and keep their columns as they are.

ALTER TABLE deliveries
    ALTER COLUMN prompt_id DROP NOT NULL,
    ALTER COLUMN area DROP NOT NULL,
    ADD COLUMN payload TEXT,
    ADD CONSTRAINT deliveries_prompt_has_area CHECK ((prompt_id IS NULL) = (area IS NULL)),
    ADD CONSTRAINT deliveries_prompt_or_payload CHECK ((prompt_id IS NULL) <> (payload IS NULL));

-- A member's queued messages of one kind (withdrawing consent cancels queued check-ins).
CREATE INDEX deliveries_by_member_kind ON deliveries (discord_id, kind, status);
