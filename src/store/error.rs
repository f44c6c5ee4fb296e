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

    /// A stored value could not be read back into its domain type; names the table and column.
    #[error("stored data is not valid ({place}): {why}")]
    Corrupt { place: &'static str, why: String },
}

/// Shorthand for results of store operations.
pub type StoreResult<T> = Result<T, StoreError>;
