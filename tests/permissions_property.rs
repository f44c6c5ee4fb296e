//! No read ever returns another member's private data: for a fixed list of seeds (so a
//! failure is repeatable), a random cohort (roles, teams, supervision links) on the real
//! `App` (built by `compose` on a fresh SQLite file, simulated clock), random entries shared
//! and unshared, check-ins with notes, supervisors' comments, roster imports that move the
//! links, and random actions by anyone (including people not on the roster) on anyone's
//! things; after each action a handful of random reads by random people, scanned for the
//! private text they must not hold. The count of unauthorised results must be 0. On
//! SQLite always, and on PostgreSQL when `TEST_PG_URL` is set.

#[path = "permissions/cohort.rs"]
mod cohort;
#[path = "permissions/reads.rs"]
mod reads;
#[path = "permissions/run.rs"]
mod run;
// Fresh PostgreSQL databases, as the store contract tests make them.
#[allow(dead_code)]
#[path = "store_contract/support.rs"]
mod pg;

use rand::Rng;

use run::{Backend, READS_PER_ACTION, Run};

const SEEDS: [u64; 10] = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89];
const ACTIONS: usize = 40;

/// Every seed's cohort on one backend: (members, reads, pieces of other people's text
/// returned, unauthorised results); `None` when PostgreSQL is not configured.
async fn walk(seeds: &[u64], postgres: bool) -> Option<(usize, usize, usize, usize)> {
    let (mut reads, mut unauthorised, mut members, mut others) = (0, 0, 0, 0);
    for &seed in seeds {
        let backend = if postgres {
            Backend::postgres().await?
        } else {
            Backend::Sqlite
        };
        let mut run = Run::new(seed, &backend).await;
        members += run.model.people.len();
        for _ in 0..6 {
            run.write_entry().await;
        }
        for _ in 0..ACTIONS {
            let action = run.rng.random_range(0..10);
            unauthorised += match action {
                0..=2 => run.share().await,
                3 | 4 => run.comment().await,
                5 => {
                    run.checkin().await;
                    0
                }
                6 => {
                    run.relink().await;
                    0
                }
                _ => {
                    run.write_entry().await;
                    0
                }
            };
            run.clock.advance(chrono::Duration::hours(7));
            let (seen, bad) = run.reads().await;
            reads += READS_PER_ACTION;
            others += seen;
            unauthorised += bad;
        }
        run.app.store.close().await;
    }
    Some((members, reads, others, unauthorised))
}

fn assert_private(seeds: usize, found: (usize, usize, usize, usize), backend: &str) {
    let (members, reads, others, unauthorised) = found;
    println!(
        "{backend}: {seeds} cohorts, {members} members, {reads} reads, {others} pieces of other \
         people's text returned: {unauthorised} unauthorised"
    );
    assert!(
        others > 0,
        "no read reached anyone else's shared text: the test proves nothing"
    );
    assert_eq!(
        unauthorised, 0,
        "reads or writes that crossed a member's privacy"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_read_returns_another_members_private_data() {
    let found = walk(&SEEDS, false).await.expect("SQLite always runs");
    assert_private(SEEDS.len(), found, "SQLite");
}

/// The first seeds again on PostgreSQL (`TEST_PG_URL`; skipped with a notice when unset,
/// except in CI), a fresh database each.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_read_returns_another_members_private_data_on_postgres() {
    let seeds = &SEEDS[..3];
    if let Some(found) = walk(seeds, true).await {
        assert_private(seeds.len(), found, "PostgreSQL");
    }
}
