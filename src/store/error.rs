//! The store's error type.

use crate::domain::member::DiscordId;

/// Why a store operation failed. Messages never include a database password or member content.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or failed a query (connection lost, constraint violated, busy…).
    #[error("database error")]
    Database(#[from] sqlx::Error),

    /// The schema could not be brought up to date.
    #[error("could not apply database migrations")]
    Migrate(#[from] sqlx::migrate::MigrateError),

    /// `database.url` names a database this build does not support. Holds only the scheme,
    /// as the rest of a URL may carry a password.
    #[error(
        "unsupported database url scheme '{0}' (expected a SQLite file path, sqlite:… or postgres://…)"
    )]
    UnsupportedUrl(String),

    /// A read-only command found no database file where `database.url` points; nothing was
    /// created.
    #[error(
        "there is no database at {0} (nothing was created; run `mindlines migrate` or `mindlines roster import` first, or check database.url)"
    )]
    Missing(std::path::PathBuf),

    /// A snowflake too large for a signed 64-bit column (Discord's never are).
    #[error("discord id {0} does not fit in the database")]
    IdOutOfRange(DiscordId),

    /// The data keys in the database were wrapped under another master key than the one
    /// configured: the wrong `security.master_key_file`, or a backup from before a rotation.
    #[error(
        "the master key file does not match this database (the database's keys were wrapped under master key {expected}; the file holds {given}); check security.master_key_file, or use the key the backup was taken with"
    )]
    WrongMasterKey { expected: String, given: String },

    /// The key the database needs is in `<key file>.new`: `mindlines keys rotate` re-wrapped the
    /// keys and stopped before it could move the new file into place.
    #[error(
        "the database's keys were wrapped under master key {expected}, which is the key in {staged}: a `mindlines keys rotate` stopped before moving it into place. Keep {current} as an older key for backups taken before the rotation (e.g. rename it to {current}.retired), then rename {staged} to {current}"
    )]
    RotationNotFinished {
        expected: String,
        staged: std::path::PathBuf,
        current: std::path::PathBuf,
    },

    /// The master key file could not be read or written.
    #[error(transparent)]
    MasterKey(#[from] super::sealing::MasterKeyError),

    /// PostgreSQL has no file beside it for a default key, so one must be configured.
    #[error(
        "security.master_key_file must be set with PostgreSQL: the bot seals members' text under keys wrapped by it (create one with `mindlines keys generate FILE`)"
    )]
    MasterKeyRequired,

    /// A roster names a member the erasure ledger says was erased.
    #[error("member {0} was erased at their request and cannot be added again from a roster")]
    ErasedMember(DiscordId),

    /// `mindlines backup` is for SQLite; PostgreSQL has `pg_dump`.
    #[error(
        "mindlines backup writes SQLite files; for PostgreSQL use pg_dump and keep the master key file and `mindlines erasures save` beside it (see deploy/README.md)"
    )]
    BackupUnsupported,

    /// The backup file already exists (or could not be created); nothing was written.
    #[error("could not create the backup file {path}: {why}")]
    BackupFile {
        path: std::path::PathBuf,
        why: String,
    },

    /// A stored value could not be read back into its domain type; names the table and column.
    #[error("stored data is not valid ({place}): {why}")]
    Corrupt { place: &'static str, why: String },
}

/// Shorthand for results of store operations.
pub type StoreResult<T> = Result<T, StoreError>;
