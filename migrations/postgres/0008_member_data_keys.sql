-- Schema v8: encryption at rest. Each member's data key, wrapped (sealed) by the master key,
-- which lives in a file and never in the database. Text the member wrote is sealed under
-- their data key in its own column (see src/store/sealing); deleting a row here makes every
-- copy of their text unreadable, backups included.
--
-- No foreign key: an inbox message from someone not on the roster is sealed under a key of
-- its author's too, and a key must go only when an erasure says so.
CREATE TABLE member_keys (
    discord_id    BIGINT PRIMARY KEY,
    -- base64 of the 24-byte nonce and the sealed 32-byte key.
    wrapped       TEXT NOT NULL,
    -- The fingerprint of the master key that wrapped it, so a wrong key file is named as such.
    master_key_id TEXT NOT NULL
);

-- One-off work the store does when it opens, after the migrations, because it needs the master
-- key that SQL never sees. 'seal-plaintext' seals the text written before v8.
CREATE TABLE store_tasks (
    name TEXT PRIMARY KEY
);
INSERT INTO store_tasks (name) VALUES ('seal-plaintext');
