//! `mindlines bench digests`: the weekly digests of N supervisors with M supervisees each and
//! a year of evidence, built from a real store (a SQLite file, or the PostgreSQL server named
//! by `--database`). It prints digests per second and the time for all, the time to draw a
//! digest's picture (apart, on a sample), and the query plans of the digest's statements over
//! that data. Figures, not assertions; the data is generated from a fixed seed and a fixed
//! "now", so every run builds the same cohort.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context as _;
use chrono::{DateTime, Duration, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::charts::coverage_heatmap_png;
use crate::domain::curriculum::Area;
use crate::domain::delivery::{DeliveryKind, NewDelivery, Payload};
use crate::domain::digest::{CoverageGrid, RECENT_WEEKS, header_text, section_text};
use crate::domain::evidence::{Answer, EvidenceSource, Tag};
use crate::domain::member::{DiscordId, Profession, Role};
use crate::domain::roster::RosterRow;
use crate::store::{DigestPeriod, NewEvidence, Store};

/// What to build.
#[derive(Debug, Clone)]
pub struct DigestBench {
    pub supervisors: usize,
    pub trainees_per_supervisor: usize,
    pub weeks_of_evidence: u32,
    /// How many digests' pictures to draw for the per-picture figure.
    pub picture_sample: usize,
}

/// What was measured.
#[derive(Debug, Clone)]
pub struct DigestFigures {
    pub backend: &'static str,
    pub entries: u64,
    pub seed_seconds: f64,
    pub digests: usize,
    pub sections: usize,
    pub seconds: f64,
    pub digests_per_second: f64,
    pub picture_ms: f64,
    pub plan: Vec<String>,
    /// Plan lines that read every row of `evidence` (none is the aim).
    pub evidence_scans: Vec<String>,
}

/// The fixed "now" of the benchmark: Monday 7 December 2026, 08:00 UTC.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 8, 0, 0)
        .single()
        .expect("valid")
}

fn id(n: usize) -> DiscordId {
    DiscordId(100_000_000_000_000_000 + n as u64)
}

fn roster(bench: &DigestBench) -> Vec<RosterRow> {
    let mut rows = Vec::new();
    let mut line = 1;
    let mut row = |n: usize, name: String, roles: &[Role], supervisor: Option<DiscordId>| {
        line += 1;
        RosterRow {
            line,
            discord_id: id(n),
            display_name: name,
            profession: Profession::Nurse,
            roles: roles.iter().copied().collect(),
            team: Some(format!("Team {}", n % 50)),
            supervisor,
            timezone: chrono_tz::Europe::London,
        }
    };
    for s in 0..bench.supervisors {
        rows.push(row(s, format!("Supervisor {s}"), &[Role::Supervisor], None));
    }
    for s in 0..bench.supervisors {
        for t in 0..bench.trainees_per_supervisor {
            let n = bench.supervisors + s * bench.trainees_per_supervisor + t;
            rows.push(row(
                n,
                format!("Trainee {n}"),
                &[Role::Trainee],
                Some(id(s)),
            ));
        }
    }
    rows
}

/// Seeds the store: the roster, about four entries in five weeks per trainee over the year
/// (one or two areas each), a fifth of the last eight weeks' entries shared, and this week's
/// prompt sent to every trainee. Returns how many entries were written.
async fn seed(store: &Arc<dyn Store>, bench: &DigestBench) -> anyhow::Result<u64> {
    let rows = roster(bench);
    store
        .import_roster(&rows, None, now() - Duration::weeks(60))
        .await?;
    let mut rng = StdRng::seed_from_u64(7);
    let trainees = bench.supervisors..bench.supervisors * (1 + bench.trainees_per_supervisor);
    let mut batch = Vec::new();
    let mut written = 0;
    let mut to_share = Vec::new();
    for n in trainees.clone() {
        for week in 0..bench.weeks_of_evidence {
            if rng.random_range(0..5) == 0 {
                continue;
            }
            let at = now() - Duration::weeks(i64::from(week))
                + Duration::hours(rng.random_range(-100..-2));
            let mut tags = BTreeSet::new();
            for _ in 0..rng.random_range(1..=2) {
                tags.insert(Tag::Area(Area::ALL[rng.random_range(0..Area::ALL.len())]));
            }
            let key = format!("bench:{n}:{week}");
            if i64::from(week) < RECENT_WEEKS && rng.random_range(0..5) == 0 {
                to_share.push((n, key.clone()));
            }
            batch.push(NewEvidence {
                member: id(n),
                source: EvidenceSource::Form,
                source_key: key,
                delivery_id: None,
                prompt_id: None,
                prompt_text: None,
                answers: vec![Answer {
                    stem: "What did you learn?".into(),
                    text: format!("A reflection of about a sentence or two, week {week}."),
                }],
                tags,
                at,
                follows_up: None,
            });
            if batch.len() == 5_000 {
                written += store.import_evidence(&batch).await?;
                batch.clear();
            }
        }
    }
    written += store.import_evidence(&batch).await?;
    for (n, key) in to_share {
        let entry = store
            .evidence_by_source(id(n), &key)
            .await?
            .context("a seeded entry")?;
        store
            .set_evidence_shared(id(n), entry.id, true, entry.created_at)
            .await?;
    }
    for n in trainees {
        let delivery = NewDelivery {
            member: id(n),
            occurrence_key: "bench-this-week".into(),
            kind: DeliveryKind::Scheduled,
            payload: Payload::Prompt {
                prompt_id: "pcp-bench".parse().map_err(anyhow::Error::msg)?,
                area: Area::PersonCentredPractice,
            },
            due_at: now() - Duration::days(6),
            follows: None,
        };
        if let Some(d) = store.record_delivery(&delivery).await? {
            store
                .mark_delivery_sent(d, 1, 1_000 + d as u64, now() - Duration::days(6))
                .await?;
        }
    }
    Ok(written)
}

/// Seeds `store` and builds every supervisor's digest once, one after another (one core's
/// worth: nothing runs in parallel).
pub async fn run_digest_bench(
    store: Arc<dyn Store>,
    bench: &DigestBench,
) -> anyhow::Result<DigestFigures> {
    let started = Instant::now();
    let entries = seed(&store, bench).await?;
    // As an admin would after a bulk load; without it PostgreSQL plans the digest on the
    // statistics of empty tables until autovacuum catches up.
    store.refresh_statistics().await?;
    let seed_seconds = started.elapsed().as_secs_f64();
    let period = DigestPeriod {
        start: now() - Duration::days(7),
        end: now(),
        recent_since: now() - Duration::weeks(RECENT_WEEKS),
    };
    let tz = chrono_tz::Europe::London;
    let started = Instant::now();
    let mut sections = 0;
    let mut sample = Vec::new();
    for s in 0..bench.supervisors {
        let facts = store.digest_facts(id(s), None, period).await?;
        let header = header_text(&facts, (period.start, period.end), tz);
        let texts: usize = facts.iter().map(|f| section_text(f).content.len()).sum();
        anyhow::ensure!(!header.is_empty() && texts > 0, "an empty digest");
        sections += facts.len();
        if sample.len() < bench.picture_sample {
            sample.push(CoverageGrid::of(&facts));
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let drawing = Instant::now();
    for grid in &sample {
        coverage_heatmap_png(grid, "Your supervisees · entries per area · 8 weeks")?;
    }
    let picture_ms = drawing.elapsed().as_secs_f64() * 1_000.0 / sample.len().max(1) as f64;
    let plan = store.explain_digest_facts(id(0), period).await?;
    let evidence_scans = plan
        .iter()
        .filter(|line| {
            let scan_sqlite = line.contains("SCAN e ") || line.ends_with("SCAN e");
            let scan_pg = line.contains("Seq Scan on evidence ");
            scan_sqlite || scan_pg
        })
        .cloned()
        .collect();
    Ok(DigestFigures {
        backend: store.backend(),
        entries,
        seed_seconds,
        digests: bench.supervisors,
        sections,
        seconds,
        digests_per_second: bench.supervisors as f64 / seconds.max(f64::EPSILON),
        picture_ms,
        plan,
        evidence_scans,
    })
}
