//! The rows behind a member's data export that no other part of the store reads.

use chrono::{DateTime, Utc};

use super::corrupt;
use crate::domain::export::member_data::{CheckinRecord, ConsentRecord};
use crate::store::StoreResult;
use crate::store::sealing::KeySet;

/// A `checkin_answers` row with its (sealed) note.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CheckinRow {
    delivery_id: i64,
    discord_id: i64,
    score: i32,
    note: Option<String>,
    answered_at: DateTime<Utc>,
}

impl CheckinRow {
    pub(crate) fn into_record(self, keys: &KeySet) -> StoreResult<CheckinRecord> {
        let row = self.delivery_id.to_string();
        let note = self
            .note
            .map(|sealed| keys.open("checkin_answers.note", &row, self.discord_id, &sealed))
            .transpose()?;
        let score = u8::try_from(self.score)
            .map_err(|e| corrupt("checkin_answers.score", e.to_string()))?;
        Ok(CheckinRecord {
            delivery: self.delivery_id,
            score,
            note,
            answered_at: self.answered_at,
        })
    }
}

/// A `wellbeing_consents` row.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ConsentRow {
    version: String,
    agreed_at: DateTime<Utc>,
    withdrawn_at: Option<DateTime<Utc>>,
}

impl ConsentRow {
    pub(crate) fn into_record(self) -> ConsentRecord {
        ConsentRecord {
            version: self.version,
            agreed_at: self.agreed_at,
            withdrawn_at: self.withdrawn_at,
        }
    }
}

/// An `evidence_revisions` row with the entry it belongs to.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct EntryRevisionRow {
    pub(crate) evidence_id: i64,
    #[sqlx(flatten)]
    pub(crate) revision: super::RevisionRecord,
}
