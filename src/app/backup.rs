//! # Backup, restore and the erasure ledger's file
//!
//! `mindlines backup FILE` is the store's `VACUUM INTO` (SQLite): one consistent file, created
//! 0600, never over an existing one. The master key is a separate file (`<db>.key` by default)
//! and is never inside it, so a stolen backup alone opens nothing.
//!
//! **A backup holds no data keys either.** They are deleted from the copy, so what a member
//! wrote is in every backup only sealed under a key the backup lacks. A restore takes the keys
//! from the database it replaces, or from the one key file `mindlines keys export` keeps (for
//! when that database is lost). An erasure destroys the member's key in the database, and the
//! next export replaces the key file without it: from then on their text in every earlier
//! backup cannot be opened by anyone, the master key's holder included. So the key file is
//! replaced in place, never versioned, and kept with the master key, not with the backups.
//!
//! `mindlines restore FILE` must not bring back anyone erased since the backup was taken. So
//! it reads the erasure ledger from the database it is about to replace (and/or from a
//! `--ledger` file written by `mindlines erasures save`), copies the backup beside the
//! database, applies every ledger line to that copy, and only then moves it into place: at no
//! moment does the database path hold an erased member's data. The bot must be stopped
//! meanwhile. PostgreSQL does the same by hand: `pg_restore`, then `mindlines erasures apply`
//! (see `deploy/README.md`).
//!
//! The ledger file is JSON: `{"version": 1, "erasures": [{"discord_id": "…", "erased_at":
//! "…"}]}`, ids as strings so no JSON reader rounds them. It names erased people, so it is
//! written 0600 like a backup.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::{DateTime, Utc};

use crate::domain::member::DiscordId;
use crate::store::{self, Erasure, WrappedKey, sealing::default_key_path};

#[derive(serde::Serialize, serde::Deserialize)]
struct LedgerFile {
    version: u32,
    erasures: Vec<LedgerLine>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct LedgerLine {
    discord_id: String,
    erased_at: DateTime<Utc>,
}

/// The ledger as the file holds it.
pub fn ledger_to_json(ledger: &[Erasure]) -> String {
    let file = LedgerFile {
        version: 1,
        erasures: ledger
            .iter()
            .map(|e| LedgerLine {
                discord_id: e.member.to_string(),
                erased_at: e.erased_at,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&file).expect("a ledger always serialises")
}

/// A ledger file read back; every line must name a valid id.
pub fn ledger_from_json(text: &str) -> anyhow::Result<Vec<Erasure>> {
    let file: LedgerFile = serde_json::from_str(text).context("not an erasure ledger file")?;
    anyhow::ensure!(file.version == 1, "unknown ledger version {}", file.version);
    file.erasures
        .into_iter()
        .map(|line| {
            let member: DiscordId = line.discord_id.parse().map_err(anyhow::Error::msg)?;
            Ok(Erasure {
                member,
                erased_at: line.erased_at,
            })
        })
        .collect()
}

/// Writes the ledger to a new file, readable by its owner only.
pub fn write_ledger_file(path: &Path, ledger: &[Erasure]) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut file = store::create_private_file(path)
        .with_context(|| format!("could not create {} (it must not exist)", path.display()))?;
    file.write_all(ledger_to_json(ledger).as_bytes())?;
    file.sync_all()?;
    Ok(())
}

/// Reads a ledger file.
pub fn read_ledger_file(path: &Path) -> anyhow::Result<Vec<Erasure>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read {}", path.display()))?;
    ledger_from_json(&text).with_context(|| path.display().to_string())
}

#[derive(serde::Serialize, serde::Deserialize)]
struct KeyFile {
    version: u32,
    keys: Vec<KeyLine>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct KeyLine {
    discord_id: String,
    wrapped: String,
    master_key_id: String,
}

/// Replaces `path` with these keys (written beside it first, then renamed, readable by its
/// owner only): there is one key file, and the keys of members erased since are not in it.
pub fn write_key_file(path: &Path, keys: &[WrappedKey]) -> anyhow::Result<()> {
    use std::io::Write as _;
    let file = KeyFile {
        version: 1,
        keys: keys
            .iter()
            .map(|k| KeyLine {
                discord_id: k.member.to_string(),
                wrapped: k.wrapped.clone(),
                master_key_id: k.master_key_id.clone(),
            })
            .collect(),
    };
    let staged = sibling(path, ".writing");
    let _ = std::fs::remove_file(&staged);
    let mut out = store::create_private_file(&staged)
        .with_context(|| format!("could not create {}", staged.display()))?;
    out.write_all(serde_json::to_string_pretty(&file)?.as_bytes())?;
    out.sync_all()?;
    std::fs::rename(&staged, path)
        .with_context(|| format!("could not replace {}", path.display()))?;
    Ok(())
}

/// Reads a key file written by [`write_key_file`].
pub fn read_key_file(path: &Path) -> anyhow::Result<Vec<WrappedKey>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read {}", path.display()))?;
    let file: KeyFile = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a mindlines key file", path.display()))?;
    anyhow::ensure!(
        file.version == 1,
        "unknown key file version {}",
        file.version
    );
    file.keys
        .into_iter()
        .map(|line| {
            Ok(WrappedKey {
                member: line.discord_id.parse().map_err(anyhow::Error::msg)?,
                wrapped: line.wrapped,
                master_key_id: line.master_key_id,
            })
        })
        .collect()
}

/// Two ledgers as one, each member once with their earliest time.
pub fn merge_ledgers(a: Vec<Erasure>, b: Vec<Erasure>) -> Vec<Erasure> {
    let mut by_member: BTreeMap<DiscordId, DateTime<Utc>> = BTreeMap::new();
    for line in a.into_iter().chain(b) {
        let at = by_member.entry(line.member).or_insert(line.erased_at);
        *at = (*at).min(line.erased_at);
    }
    let mut merged: Vec<Erasure> = by_member
        .into_iter()
        .map(|(member, erased_at)| Erasure { member, erased_at })
        .collect();
    merged.sort_by_key(|e| (e.erased_at, e.member));
    merged
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreReport {
    /// Ledger lines applied to the restored copy.
    pub ledger_lines: usize,
    /// Members the copy still held something of, erased again.
    pub erased_again: u64,
    /// Data keys given back to the copy (a backup holds none).
    pub keys_added: u64,
}

/// Replaces the SQLite database at `url` with `backup`, re-applying the erasure ledger of the
/// database being replaced (when it opens) and of `extra_ledger`, then giving the copy the data
/// keys of the database being replaced and of `extra_keys` (never an erased member's), before
/// the copy takes its place. `key_file` is `security.master_key_file` (default: `<db>.key`).
pub async fn restore_sqlite(
    url: &str,
    key_file: Option<&Path>,
    backup: &Path,
    extra_ledger: Vec<Erasure>,
    extra_keys: Vec<WrappedKey>,
    now: DateTime<Utc>,
) -> anyhow::Result<RestoreReport> {
    let db = store::sqlite_file(url).context(
        "mindlines restore replaces a SQLite file; for PostgreSQL use pg_restore, then \
         `mindlines erasures apply FILE` (see deploy/README.md)",
    )?;
    anyhow::ensure!(
        backup.exists(),
        "there is no backup at {}",
        backup.display()
    );
    let key = key_file.map_or_else(|| default_key_path(&db), Path::to_owned);
    let (current, current_keys) = current_state(url, &db, &key, !extra_ledger.is_empty()).await?;
    let ledger = merge_ledgers(current, extra_ledger);
    let have_key_source = current_keys.is_some() || !extra_keys.is_empty();
    let mut keys = current_keys.unwrap_or_default();
    keys.extend(extra_keys);

    let staged = sibling(&db, ".restoring");
    remove_with_journal(&staged)?;
    std::fs::copy(backup, &staged)
        .with_context(|| format!("could not copy {} beside the database", backup.display()))?;
    #[cfg(unix)]
    std::fs::set_permissions(&staged, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    let copy = store::open_existing(&staged.to_string_lossy(), Some(&key))
        .await
        .context("the backup does not open with this master key")?;
    let restored = async {
        let erased_again = copy.apply_erasures(&ledger, now).await?;
        let keys_added = copy.add_wrapped_keys(&keys).await?;
        let held = copy.wrapped_keys().await?.len();
        anyhow::Ok((erased_again, keys_added, held))
    }
    .await;
    copy.close().await;
    let (erased_again, keys_added, held) = match restored {
        Ok(done) => done,
        Err(error) => {
            remove_with_journal(&staged)?;
            return Err(error);
        }
    };
    if held == 0 && !have_key_source {
        remove_with_journal(&staged)?;
        anyhow::bail!(
            "a backup holds no data keys, and there are none to give it: the database being \
             replaced is missing or does not open. Pass the key file from `mindlines keys \
             export` with --keys FILE"
        );
    }

    remove_with_journal(&db)?;
    std::fs::rename(&staged, &db)?;
    remove_with_journal(&staged)?;
    Ok(RestoreReport {
        ledger_lines: ledger.len(),
        erased_again,
        keys_added,
    })
}

/// The ledger and the data keys of the database about to be replaced (no keys when there is
/// none). One that cannot be read stops the restore, unless a ledger file was given (the
/// database may be the reason for restoring).
async fn current_state(
    url: &str,
    db: &Path,
    key: &Path,
    have_file: bool,
) -> anyhow::Result<(Vec<Erasure>, Option<Vec<WrappedKey>>)> {
    if !db.exists() {
        return Ok((Vec::new(), None));
    }
    let read = async {
        let current = store::open_existing(url, Some(key)).await?;
        let ledger = current.erasures().await;
        let keys = current.wrapped_keys().await;
        current.close().await;
        anyhow::Ok((ledger?, Some(keys?)))
    };
    match read.await {
        Ok(state) => Ok(state),
        Err(error) if have_file => {
            tracing::warn!(
                error = %format!("{error:#}"),
                "could not read the current database's erasure ledger; using the ledger file alone"
            );
            Ok((Vec::new(), None))
        }
        Err(error) => Err(error.context(
            "could not read the erasure ledger of the database being replaced; pass the \
             ledger with --ledger FILE (from `mindlines erasures save`) to restore anyway",
        )),
    }
}

/// `<db><suffix>`, beside it.
fn sibling(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes a SQLite file and its WAL and shared-memory files, if present: a WAL left beside a
/// replaced file would be replayed into it.
fn remove_with_journal(file: &Path) -> std::io::Result<()> {
    for path in [
        file.to_owned(),
        sibling(file, "-wal"),
        sibling(file, "-shm"),
    ] {
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(n: u64, hour: i64) -> Erasure {
        Erasure {
            member: DiscordId(100_000_000_000_000_000 + n),
            erased_at: DateTime::from_timestamp(1_800_000_000 + hour * 3600, 0).unwrap(),
        }
    }

    #[test]
    fn a_ledger_round_trips_through_its_file_format() {
        let ledger = vec![line(1, 0), line(2, 5)];
        assert_eq!(ledger_from_json(&ledger_to_json(&ledger)).unwrap(), ledger);
        assert!(ledger_from_json("{\"version\": 2, \"erasures\": []}").is_err());
    }

    #[test]
    fn merged_ledgers_name_each_member_once_with_the_earliest_time() {
        let merged = merge_ledgers(vec![line(1, 3), line(2, 1)], vec![line(1, 2)]);
        assert_eq!(merged, vec![line(2, 1), line(1, 2)]);
    }
}
