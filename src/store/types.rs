//! Values the store hands out that are not members: teams and audit entries.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};

use crate::domain::member::DiscordId;

/// A team and its members (by id, ascending).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub name: String,
    pub members: Vec<DiscordId>,
}

/// What an audit entry records. Stored as its slug; later features add variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    /// A roster import added the member.
    MemberAdded,
    /// A roster import changed the member; the detail names the fields.
    MemberUpdated,
    /// The member's status changed; the detail gives old and new status slugs.
    MemberStatusChanged,
    /// A supervisor read one of the member's shared entries; the detail names the entry.
    SharedEntryRead,
    /// A supervisor acknowledged or commented on one of the member's shared entries.
    SharedEntryAnswered,
    /// A supervisor's digest included the member; the detail names the ISO week or "now".
    DigestIncluded,
    /// The member shared an entry with their supervisors; the detail names the entry.
    EntryShared,
    /// The member made a shared entry private again; the detail names the entry.
    EntryUnshared,
    /// Everything held about the member was exported to them (`/mydata export`) or for a data
    /// request (`mindlines member export`); the detail names the record counts, never content.
    DataExported,
    /// The member was erased, or an erasure re-applied after a restore. Their id in this and
    /// every earlier entry is replaced by the erasure ledger's reference.
    MemberErased,
}

impl AuditAction {
    pub const ALL: &'static [AuditAction] = &[
        AuditAction::MemberAdded,
        AuditAction::MemberUpdated,
        AuditAction::MemberStatusChanged,
        AuditAction::SharedEntryRead,
        AuditAction::SharedEntryAnswered,
        AuditAction::DigestIncluded,
        AuditAction::EntryShared,
        AuditAction::EntryUnshared,
        AuditAction::DataExported,
        AuditAction::MemberErased,
    ];

    /// The stable name stored in the audit log.
    pub fn slug(self) -> &'static str {
        match self {
            AuditAction::MemberAdded => "member.added",
            AuditAction::MemberUpdated => "member.updated",
            AuditAction::MemberStatusChanged => "member.status_changed",
            AuditAction::SharedEntryRead => "evidence.shared_read",
            AuditAction::SharedEntryAnswered => "evidence.shared_answered",
            AuditAction::DigestIncluded => "digest.included",
            AuditAction::EntryShared => "evidence.shared",
            AuditAction::EntryUnshared => "evidence.unshared",
            AuditAction::DataExported => "member.data_exported",
            AuditAction::MemberErased => "member.erased",
        }
    }
}

impl FromStr for AuditAction {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        AuditAction::ALL
            .iter()
            .copied()
            .find(|action| action.slug() == text)
            .ok_or_else(|| format!("unknown audit action '{text}'"))
    }
}

impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// One line of the append-only audit log: who did what to whose data, and when.
///
/// `detail` is a short note in a fixed vocabulary (field names, status slugs, counts). It must
/// never hold what a member wrote, a display name or anything else a user typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    /// Who acted; `None` for the bot itself or the command line.
    pub actor: Option<DiscordId>,
    pub action: AuditAction,
    /// Whose data it was; `None` when it concerns no one member.
    pub subject: Option<DiscordId>,
    pub detail: String,
}
