//! Roster use-cases: `mindlines roster import FILE.csv` and `mindlines roster list`.
//!
//! An import is all-or-nothing twice over: the whole file is validated first (every bad line is
//! named, and nothing is written if there is one), then every row is written in one store
//! transaction. Importing the same file again changes nothing.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::clock::Clock;
use crate::domain::member::DiscordId;
use crate::domain::roster::{ImportSummary, KnownMembers, RosterEntry, RosterErrors, parse_roster};
use crate::store::{Store, StoreError};

/// Why a roster was not imported.
#[derive(Debug, thiserror::Error)]
pub enum RosterImportError {
    /// The file could not be read.
    #[error("could not read roster file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file has bad lines; every one is listed. Nothing was imported.
    #[error(transparent)]
    Invalid(#[from] RosterErrors),
    /// Lines name members who were erased; nothing was imported. An erasure is for good, so
    /// an old roster file must not bring someone back.
    #[error("{}", erased_lines(.0))]
    Erased(Vec<(u64, DiscordId)>),
    /// The store failed; the import transaction was rolled back, so nothing was imported.
    #[error("roster not imported: {0}")]
    Store(#[from] StoreError),
}

/// Validates roster CSV text against the file itself and the members already stored, then
/// imports it in one transaction. `actor` is the admin who asked, if they came from Discord.
pub async fn import_roster(
    store: &dyn Store,
    clock: &dyn Clock,
    csv_text: &str,
    actor: Option<DiscordId>,
) -> Result<ImportSummary, RosterImportError> {
    // Supervisors may be named by id without being in the file, if the store has them.
    let stored = store.list_members().await?;
    let known: KnownMembers = stored.iter().collect();
    let rows = parse_roster(csv_text, &known)?;
    let ids: Vec<DiscordId> = rows.iter().map(|row| row.discord_id).collect();
    let erased = store.erased_among(&ids).await?;
    if !erased.is_empty() {
        let lines = rows
            .iter()
            .filter(|row| erased.contains(&row.discord_id))
            .map(|row| (row.line, row.discord_id))
            .collect();
        return Err(RosterImportError::Erased(lines));
    }
    Ok(store.import_roster(&rows, actor, clock.now()).await?)
}

fn erased_lines(lines: &[(u64, DiscordId)]) -> String {
    let named: Vec<String> = lines
        .iter()
        .map(|(line, id)| format!("line {line}: member {id} was erased at their request"))
        .collect();
    format!(
        "nothing was imported: an erased member cannot be added back from a roster. Remove these lines and import again.\n{}",
        named.join("\n")
    )
}

/// Reads a roster file and imports it, as [`import_roster`] does.
pub async fn import_roster_file(
    store: &dyn Store,
    clock: &dyn Clock,
    path: &Path,
    actor: Option<DiscordId>,
) -> Result<ImportSummary, RosterImportError> {
    let text = tokio::fs::read_to_string(path)
        .await
        .map_err(|source| RosterImportError::Read {
            path: path.to_owned(),
            source,
        })?;
    import_roster(store, clock, &text, actor).await
}

/// Everyone on the roster, ready to print.
pub async fn list_roster(store: &dyn Store) -> Result<RosterListing, StoreError> {
    let mut entries = store.roster().await?;
    // Grouped by team (members without a team last), then by name.
    entries.sort_by(|a, b| {
        let team = |e: &RosterEntry| (e.team.is_none(), e.team.clone());
        let name = |e: &RosterEntry| e.member.display_name.to_lowercase();
        (team(a), name(a), a.member.discord_id).cmp(&(team(b), name(b), b.member.discord_id))
    });
    Ok(RosterListing { entries })
}

/// The roster as `roster list` prints it: a plain-text table, one member a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterListing {
    pub entries: Vec<RosterEntry>,
}

const HEADINGS: [&str; 8] = [
    "DISCORD ID",
    "NAME",
    "PROFESSION",
    "ROLES",
    "TEAM",
    "SUPERVISOR",
    "TIMEZONE",
    "STATUS",
];

impl RosterListing {
    fn cells(&self) -> Vec<[String; 8]> {
        let names: BTreeMap<DiscordId, &str> = self
            .entries
            .iter()
            .map(|e| (e.member.discord_id, e.member.display_name.as_str()))
            .collect();
        self.entries
            .iter()
            .map(|entry| {
                let member = &entry.member;
                let roles: Vec<&str> = member.roles.iter().map(|r| r.slug()).collect();
                let supervisors: Vec<String> = entry
                    .supervisors
                    .iter()
                    .map(|id| {
                        names
                            .get(id)
                            .map_or_else(|| id.to_string(), |n| n.to_string())
                    })
                    .collect();
                [
                    member.discord_id.to_string(),
                    member.display_name.clone(),
                    member.profession.slug().to_owned(),
                    roles.join(";"),
                    entry.team.clone().unwrap_or_else(|| "-".into()),
                    if supervisors.is_empty() {
                        "-".into()
                    } else {
                        supervisors.join(", ")
                    },
                    member.timezone.name().to_owned(),
                    member.status.slug().to_owned(),
                ]
            })
            .collect()
    }
}

impl fmt::Display for RosterListing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.entries.is_empty() {
            return writeln!(
                f,
                "The roster is empty. Import one with `mindlines roster import FILE.csv`."
            );
        }
        let rows = self.cells();
        let mut widths = HEADINGS.map(|h| h.chars().count());
        for row in &rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let headings = HEADINGS.map(str::to_owned);
        for row in std::iter::once(&headings).chain(&rows) {
            let line: Vec<String> = row
                .iter()
                .zip(widths)
                .map(|(cell, width)| format!("{cell:<width$}"))
                .collect();
            writeln!(f, "{}", line.join("  ").trim_end())?;
        }
        let count = self.entries.len();
        writeln!(f, "{count} member{}", if count == 1 { "" } else { "s" })
    }
}

/// `mindlines member leave` / `rejoin`: marks a member as having left the programme (their
/// prompts, check-ins and digests stop and what was queued for them is cancelled, and the retention period of their evidence starts),
/// or as active again (the period is cancelled). Returns what to tell the admin; `None` when
/// there is no such member.
pub async fn set_left(
    store: &dyn Store,
    clock: &dyn Clock,
    id: DiscordId,
    left: bool,
) -> Result<Option<String>, StoreError> {
    use crate::domain::member::MemberStatus;
    let status = if left {
        MemberStatus::Left
    } else {
        MemberStatus::Active
    };
    let now = clock.now();
    let Some(previous) = store.set_member_status(id, status, None, now).await? else {
        return Ok(None);
    };
    if left {
        // The schedulers skip members who left; what was queued before goes too.
        store.cancel_pending_deliveries(id, now).await?;
    }
    Ok(Some(match (previous == MemberStatus::Left, left) {
        (true, true) => format!("{id} had already left; nothing changed."),
        (false, false) => format!("{id} is on the programme already; nothing changed."),
        (false, true) => format!(
            "{id} has left the programme: mindlines no longer sends them anything, and their evidence will be deleted once the retention period for leavers has passed."
        ),
        (true, false) => {
            format!("{id} is back on the programme; their evidence is no longer due for deletion.")
        }
    }))
}
