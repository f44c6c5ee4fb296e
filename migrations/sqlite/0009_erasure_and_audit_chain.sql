-- Schema v9: erasure that lasts, and an audit log that shows tampering.
--
-- The erasure ledger: who was erased and when, nothing else. `mindlines restore` and
-- `mindlines erasures apply` re-apply it, so a backup from before an erasure brings nothing back.
CREATE TABLE erasures (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    discord_id INTEGER NOT NULL UNIQUE,
    erased_at  TEXT    NOT NULL
);

-- The audit log becomes a hash chain (see src/store/audit.rs). The hash covers a salted
-- commitment of each member id, not the id, so an erasure can replace the id by its ledger
-- reference (`*_erasure`) and the chain still verifies.
ALTER TABLE audit_log ADD COLUMN salt TEXT;
ALTER TABLE audit_log ADD COLUMN actor_commit TEXT;
ALTER TABLE audit_log ADD COLUMN subject_commit TEXT;
ALTER TABLE audit_log ADD COLUMN actor_erasure INTEGER;
ALTER TABLE audit_log ADD COLUMN subject_erasure INTEGER;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
-- An erasure finds the entries a member acted in, not only those about them.
CREATE INDEX audit_log_by_actor ON audit_log (actor_discord_id);

-- Append-only: no row is deleted, and a chained row changes only by an erasure replacing a
-- member id with its ledger reference. (A row from before v9 is chained once, on open.)
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN OLD.hash IS NOT NULL AND NOT (
    NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action
    AND NEW.detail = OLD.detail AND NEW.salt IS OLD.salt
    AND NEW.actor_commit IS OLD.actor_commit AND NEW.subject_commit IS OLD.subject_commit
    AND NEW.prev_hash IS OLD.prev_hash AND NEW.hash IS OLD.hash
    AND ((NEW.actor_discord_id IS OLD.actor_discord_id AND NEW.actor_erasure IS OLD.actor_erasure)
         OR (NEW.actor_discord_id IS NULL AND OLD.actor_erasure IS NULL
             AND NEW.actor_erasure IS NOT NULL))
    AND ((NEW.subject_discord_id IS OLD.subject_discord_id
          AND NEW.subject_erasure IS OLD.subject_erasure)
         OR (NEW.subject_discord_id IS NULL AND OLD.subject_erasure IS NULL
             AND NEW.subject_erasure IS NOT NULL))
)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: only an erasure may replace a member id');
END;

-- Entries written before v9 are chained when the store next opens (it needs SHA-256).
INSERT INTO store_tasks (name) VALUES ('chain-audit');
