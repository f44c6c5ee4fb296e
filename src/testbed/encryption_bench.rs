//! `mindlines bench encryption`: evidence written and read through the real SQLite store with
//! members' text sealed, and through the same store with sealing off, in one run. Rounds
//! alternate between the two so that a noisy machine slows both alike; the figures that matter
//! are the ratios (sealed ÷ plain throughput), not the absolute rates.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};

use crate::domain::curriculum::Area;
use crate::domain::evidence::{Answer, EvidenceSource, Tag};
use crate::domain::member::{DiscordId, Profession, Role};
use crate::domain::roster::RosterRow;
use crate::store::{EvidenceFilter, MasterKey, NewEvidence, SqliteStore, Store};

/// The figures of one run.
#[derive(Debug, Clone)]
pub struct EncryptionFigures {
    pub entries: usize,
    pub write_sealed: Duration,
    pub write_plain: Duration,
    pub read_sealed: Duration,
    pub read_plain: Duration,
}

impl EncryptionFigures {
    /// Sealed write throughput ÷ plain write throughput (1.0 = no cost).
    pub fn write_ratio(&self) -> f64 {
        self.write_plain.as_secs_f64() / self.write_sealed.as_secs_f64()
    }

    /// Sealed read throughput ÷ plain read throughput.
    pub fn read_ratio(&self) -> f64 {
        self.read_plain.as_secs_f64() / self.read_sealed.as_secs_f64()
    }
}

const MEMBERS: usize = 20;

fn id(n: usize) -> DiscordId {
    DiscordId(200_000_000_000_000_000 + n as u64)
}

fn roster() -> Vec<RosterRow> {
    (0..MEMBERS)
        .map(|n| RosterRow {
            line: n as u64 + 2,
            discord_id: id(n),
            display_name: format!("Trainee {n}"),
            profession: Profession::Nurse,
            roles: [Role::Trainee].into_iter().collect(),
            team: None,
            supervisor: None,
            timezone: chrono_tz::Europe::London,
        })
        .collect()
}

fn entry(round: usize, n: usize) -> NewEvidence {
    let at = Utc
        .with_ymd_and_hms(2026, 6, 1, 9, 0, 0)
        .single()
        .expect("valid")
        + chrono::Duration::minutes((round * 1000 + n) as i64);
    NewEvidence {
        member: id(n % MEMBERS),
        source: EvidenceSource::Form,
        source_key: format!("bench:{round}:{n}"),
        delivery_id: None,
        prompt_id: None,
        prompt_text: None,
        // About the length of a real three-stem reflection.
        answers: (0..3)
            .map(|stem| Answer {
                stem: format!("Stem {stem}: what happened, and what will you do next?"),
                text: "A reflection of a few sentences about a home visit, what went well, \
                       what I would do differently and what I will read up on this week."
                    .into(),
            })
            .collect(),
        tags: BTreeSet::from([Tag::Area(Area::Digital)]),
        at,
        follows_up: None,
    }
}

/// Writes `per_round` entries one by one, then reads each back and lists every member's
/// entries, on each store; alternates stores each round.
pub async fn run_encryption_bench(
    rounds: usize,
    per_round: usize,
) -> anyhow::Result<EncryptionFigures> {
    let dir = tempfile::tempdir()?;
    let sealed_url = dir.path().join("sealed.db");
    let plain_url = dir.path().join("plain.db");
    let sealed: Arc<dyn Store> = Arc::new(
        SqliteStore::open_keyed(&sealed_url.to_string_lossy(), MasterKey::generate()).await?,
    );
    let plain: Arc<dyn Store> =
        Arc::new(SqliteStore::open_unsealed_for_benchmark(&plain_url.to_string_lossy()).await?);
    let at = Utc
        .with_ymd_and_hms(2026, 5, 1, 9, 0, 0)
        .single()
        .expect("valid");
    for store in [&sealed, &plain] {
        store.import_roster(&roster(), None, at).await?;
    }
    let mut figures = EncryptionFigures {
        entries: rounds * per_round,
        write_sealed: Duration::ZERO,
        write_plain: Duration::ZERO,
        read_sealed: Duration::ZERO,
        read_plain: Duration::ZERO,
    };
    for round in 0..rounds {
        let order = if round % 2 == 0 {
            [true, false]
        } else {
            [false, true]
        };
        for is_sealed in order {
            let store = if is_sealed { &sealed } else { &plain };
            let (write, read) = one_round(store, round, per_round).await?;
            if is_sealed {
                figures.write_sealed += write;
                figures.read_sealed += read;
            } else {
                figures.write_plain += write;
                figures.read_plain += read;
            }
        }
    }
    sealed.close().await;
    plain.close().await;
    Ok(figures)
}

async fn one_round(
    store: &Arc<dyn Store>,
    round: usize,
    per_round: usize,
) -> anyhow::Result<(Duration, Duration)> {
    let started = Instant::now();
    let mut ids = Vec::with_capacity(per_round);
    for n in 0..per_round {
        let e = entry(round, n);
        let (entry_id, _) = store.add_evidence(&e).await?;
        ids.push((e.member, entry_id));
    }
    let write = started.elapsed();
    let started = Instant::now();
    for (member, entry_id) in &ids {
        anyhow::ensure!(store.evidence_entry(*member, *entry_id).await?.is_some());
    }
    for n in 0..MEMBERS {
        store.evidence_of(id(n), &EvidenceFilter::default()).await?;
    }
    Ok((write, started.elapsed()))
}
