//! # The audit log as a hash chain
//!
//! Each entry of `audit_log` carries the hash of the entry before it (`prev_hash`) and its own
//! (`hash`), SHA-256 over a canonical encoding of the row and `prev_hash`. Changing, deleting
//! or inserting a row anywhere but at the end breaks the link at the next row, and
//! `mindlines audit verify` names the first entry whose link does not hold. (The end itself
//! has nothing after it: verify prints the last hash, so an admin who notes it can tell later
//! that entries were cut off.)
//!
//! ## Why the hash covers commitments, not member ids
//!
//! An erasure must remove the member's id from every entry (replacing it by the ledger
//! reference) without breaking the chain. So the hash covers, for the actor and the subject, a
//! **salted commitment** `SHA-256("mindlines/audit-id/v1" ‖ salt ‖ id)` rather than the id;
//! each row has its own random 16-byte salt, kept in the row. An erasure sets the id to NULL
//! and `*_erasure` to the ledger row's id; the commitment and the hash stay as they were.
//! Verify then checks each side three ways: an id present must match its commitment, an
//! erased side must name a ledger row whose member matches the commitment, and an empty side
//! must have an empty commitment. The salt means the commitment cannot be looked up in a table
//! of known ids; the ledger (id and time only) is the one place an erased id is kept, because a
//! restore needs it to erase the member again.
//!
//! ## Why appends are serialised
//!
//! Two writers that read the same tail would both link to it and fork the chain. Every append
//! runs in a write transaction that holds the chain's lock while it reads the tail and
//! inserts: SQLite's `BEGIN IMMEDIATE` write lock, and on PostgreSQL a transaction-level
//! advisory lock (`lock_audit`), held until commit, so identity order is chain order.
//!
//! Triggers (migration 0009) refuse every DELETE and every UPDATE of a chained row other than
//! the erasure's replacement of an id by its ledger reference.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use rand::RngCore as _;
use sha2::{Digest as _, Sha256};

/// The `prev_hash` of the first entry.
pub(crate) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A fresh random salt for one entry, as hex.
pub(crate) fn new_salt() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    hex(&bytes)
}

/// The commitment to a member id under `salt`; empty when there is no member.
pub(crate) fn commitment(salt: &str, id: Option<i64>) -> String {
    match id {
        None => String::new(),
        Some(id) => {
            let mut hasher = Sha256::new();
            hasher.update(b"mindlines/audit-id/v1\0");
            hasher.update(salt.as_bytes());
            hasher.update(b"\0");
            hasher.update(id.to_string().as_bytes());
            hex(&hasher.finalize())
        }
    }
}

/// Timestamps are hashed as whole microseconds: PostgreSQL keeps no more, so a value read
/// back hashes as it did when written.
pub(crate) fn canonical_time(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at)
}

/// What the hash of one entry covers.
pub(crate) struct Link<'a> {
    pub at: DateTime<Utc>,
    pub action: &'a str,
    pub detail: &'a str,
    pub actor_commit: &'a str,
    pub subject_commit: &'a str,
    pub prev_hash: &'a str,
}

impl Link<'_> {
    /// SHA-256 over the fields, each length-prefixed so no two rows encode alike.
    pub(crate) fn hash(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(b"mindlines/audit/v1");
        let micros = canonical_time(self.at).timestamp_micros().to_string();
        for field in [
            micros.as_str(),
            self.action,
            self.detail,
            self.actor_commit,
            self.subject_commit,
            self.prev_hash,
        ] {
            hasher.update(format!("\n{}:", field.len()).as_bytes());
            hasher.update(field.as_bytes());
        }
        hex(&hasher.finalize())
    }
}

/// One stored row, as verify reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct ChainRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub action: String,
    pub detail: String,
    pub actor_discord_id: Option<i64>,
    pub subject_discord_id: Option<i64>,
    pub actor_erasure: Option<i64>,
    pub subject_erasure: Option<i64>,
    pub salt: Option<String>,
    pub actor_commit: Option<String>,
    pub subject_commit: Option<String>,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

/// What `mindlines audit verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainReport {
    /// Every link holds. `last_hash` is the genesis value when the log is empty.
    Intact { entries: u64, last_hash: String },
    /// The first entry whose link does not hold, and why (never a member id).
    Broken { entry: i64, why: String },
}

impl std::fmt::Display for ChainReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChainReport::Intact { entries, last_hash } => {
                write!(f, "{entries} entries, chain intact, last hash {last_hash}")
            }
            ChainReport::Broken { entry, why } => {
                write!(f, "chain broken at audit entry {entry}: {why}")
            }
        }
    }
}

/// Walks `rows` in id order; `ledger` maps erasure ids to the member they erased.
pub(crate) fn verify(rows: &[ChainRow], ledger: &HashMap<i64, i64>) -> ChainReport {
    let mut prev = GENESIS.to_owned();
    for row in rows {
        if let Err(why) = check_row(row, &prev, ledger) {
            return ChainReport::Broken { entry: row.id, why };
        }
        prev = row.hash.clone().unwrap_or_default();
    }
    ChainReport::Intact {
        entries: rows.len() as u64,
        last_hash: prev,
    }
}

fn check_row(row: &ChainRow, prev: &str, ledger: &HashMap<i64, i64>) -> Result<(), String> {
    let (Some(salt), Some(hash), Some(prev_hash)) = (&row.salt, &row.hash, &row.prev_hash) else {
        return Err("the entry is not chained".into());
    };
    if prev_hash != prev {
        return Err("it does not link to the entry before it".into());
    }
    let actor_commit = row.actor_commit.as_deref().unwrap_or_default();
    let subject_commit = row.subject_commit.as_deref().unwrap_or_default();
    let side = |id, erasure, commit: &str, name| {
        check_side(salt, id, erasure, commit, ledger).map_err(|why| format!("its {name} {why}"))
    };
    side(
        row.actor_discord_id,
        row.actor_erasure,
        actor_commit,
        "actor",
    )?;
    side(
        row.subject_discord_id,
        row.subject_erasure,
        subject_commit,
        "subject",
    )?;
    let link = Link {
        at: row.at,
        action: &row.action,
        detail: &row.detail,
        actor_commit,
        subject_commit,
        prev_hash,
    };
    if &link.hash() != hash {
        return Err("its content does not match its hash".into());
    }
    Ok(())
}

/// One side (actor or subject): an id matches its commitment, an erased id the ledger's.
fn check_side(
    salt: &str,
    id: Option<i64>,
    erasure: Option<i64>,
    commit: &str,
    ledger: &HashMap<i64, i64>,
) -> Result<(), &'static str> {
    let member = match (id, erasure) {
        (Some(_), Some(_)) => return Err("has both an id and an erasure"),
        (Some(id), None) => Some(id),
        (None, Some(erasure)) => match ledger.get(&erasure) {
            Some(member) => Some(*member),
            None => return Err("names an erasure that is not in the ledger"),
        },
        (None, None) => None,
    };
    if commitment(salt, member) != commit {
        return Err("does not match its commitment");
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut out, byte| {
        let _ = write!(out, "{byte:02x}");
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, prev: &str, subject: Option<i64>) -> ChainRow {
        let salt = new_salt();
        let subject_commit = commitment(&salt, subject);
        let at = DateTime::from_timestamp(1_800_000_000 + id, 0).unwrap();
        let hash = Link {
            at,
            action: "member.added",
            detail: "roster import",
            actor_commit: "",
            subject_commit: &subject_commit,
            prev_hash: prev,
        }
        .hash();
        ChainRow {
            id,
            at,
            action: "member.added".into(),
            detail: "roster import".into(),
            actor_discord_id: None,
            subject_discord_id: subject,
            actor_erasure: None,
            subject_erasure: None,
            salt: Some(salt),
            actor_commit: Some(String::new()),
            subject_commit: Some(subject_commit),
            prev_hash: Some(prev.into()),
            hash: Some(hash),
        }
    }

    fn chain(n: i64) -> Vec<ChainRow> {
        let mut rows: Vec<ChainRow> = Vec::new();
        for id in 1..=n {
            let prev = rows
                .last()
                .map_or(GENESIS.to_owned(), |r| r.hash.clone().unwrap());
            rows.push(row(id, &prev, Some(100 + id)));
        }
        rows
    }

    #[test]
    fn an_untouched_chain_is_intact_and_reports_its_last_hash() {
        let rows = chain(3);
        let report = verify(&rows, &HashMap::new());
        let last = rows[2].hash.clone().unwrap();
        assert_eq!(
            report,
            ChainReport::Intact {
                entries: 3,
                last_hash: last
            }
        );
    }

    #[test]
    fn a_changed_detail_or_subject_is_named_by_its_entry() {
        let mut rows = chain(3);
        rows[1].detail = "something else".into();
        assert!(matches!(
            verify(&rows, &HashMap::new()),
            ChainReport::Broken { entry: 2, .. }
        ));
        let mut rows = chain(3);
        rows[2].subject_discord_id = Some(999);
        assert!(matches!(
            verify(&rows, &HashMap::new()),
            ChainReport::Broken { entry: 3, .. }
        ));
    }

    #[test]
    fn a_deleted_entry_breaks_the_link_of_the_next() {
        let mut rows = chain(3);
        rows.remove(1);
        assert!(matches!(
            verify(&rows, &HashMap::new()),
            ChainReport::Broken { entry: 3, .. }
        ));
    }

    #[test]
    fn an_id_replaced_by_its_ledger_reference_still_verifies() {
        let mut rows = chain(2);
        rows[0].subject_discord_id = None;
        rows[0].subject_erasure = Some(7);
        let ledger = HashMap::from([(7, 101)]);
        assert!(matches!(verify(&rows, &ledger), ChainReport::Intact { .. }));
        let wrong = HashMap::from([(7, 555)]);
        assert!(matches!(
            verify(&rows, &wrong),
            ChainReport::Broken { entry: 1, .. }
        ));
    }

    #[test]
    fn a_timestamp_hashes_as_whole_microseconds() {
        let at = DateTime::from_timestamp(1_800_000_000, 123_456_789).unwrap();
        let link = |at| Link {
            at,
            action: "a",
            detail: "",
            actor_commit: "",
            subject_commit: "",
            prev_hash: GENESIS,
        };
        assert_eq!(link(at).hash(), link(canonical_time(at)).hash());
    }
}
