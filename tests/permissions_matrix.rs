//! Who may do what, proven: every cell of the matrix in `docs/permissions.md` (every slash
//! command and subcommand, every button and form kind × trainee, supervisor, lead, admin and
//! someone not on the roster × whose object it is) is walked through the `app::` use-case the
//! transport calls, on the real `App` (built by `compose` in the testbed, a real SQLite
//! file, the simulated clock), and the outcome must be the one the doc states.
//!
//! It runs on SQLite, and on PostgreSQL when `TEST_PG_URL` is set.
//!
//! The doc and the code cannot drift apart: a registered command or a custom-id kind missing
//! from the doc fails, and so does a doc row with no scenario here.

#[path = "permissions/commands.rs"]
mod commands;
#[path = "permissions/components.rs"]
mod components;
#[path = "permissions/doc.rs"]
mod doc;
#[path = "permissions/drift.rs"]
mod drift;
#[path = "permissions/erasure.rs"]
mod erasure;
#[path = "permissions/outcome.rs"]
mod outcome;
#[path = "permissions/world.rs"]
mod world;
// Fresh PostgreSQL databases, as the store contract tests make them.
#[allow(dead_code)]
#[path = "store_contract/support.rs"]
mod pg;

use std::collections::BTreeSet;

use world::{Actor, Own, World};

/// Runs one cell; `None` when there is no scenario for its row.
async fn run(w: &World, surface: &str, own: Own, actor: Actor) -> Option<String> {
    if own == Own::MineLeft {
        // The actor's own things, made while they were on the programme; then they leave.
        if actor == Actor::Outsider {
            return Some(commands::NA.to_owned());
        }
        let mine = if surface.starts_with('/') {
            Own::Itself
        } else {
            Own::Mine
        };
        w.set_left(actor, true).await;
        let done = run_as_is(w, surface, mine, actor).await;
        w.set_left(actor, false).await;
        return done;
    }
    run_as_is(w, surface, own, actor).await
}

async fn run_as_is(w: &World, surface: &str, own: Own, actor: Actor) -> Option<String> {
    if matches!(own, Own::Itself | Own::Mine)
        && let Some(done) = erasure::cell(w, surface, actor).await
    {
        return Some(done);
    }
    if surface.starts_with('/') {
        commands::cell(w, surface, own, actor).await
    } else {
        components::cell(w, surface, own, actor).await
    }
}

/// Walks every row of the doc in `w`; what disagrees, and how many cells there were.
async fn walk(w: &World) -> (Vec<String>, usize, usize) {
    let text = doc::doc_text();
    let rows = doc::rows(&text);
    assert!(!rows.is_empty(), "docs/permissions.md has no matrix rows");
    let mut problems = Vec::new();
    let documented: BTreeSet<String> = rows.iter().map(|r| r.surface.clone()).collect();
    for command in drift::registered_commands(w) {
        if !documented.contains(&command) {
            problems.push(format!(
                "`{command}` is registered but has no row in docs/permissions.md"
            ));
        }
    }
    for kind in drift::custom_id_kinds() {
        if !documented.contains(&kind) {
            problems.push(format!(
                "custom-id kind `{kind}` has no row in docs/permissions.md"
            ));
        }
    }
    let mut cells = 0;
    for row in &rows {
        let at = format!(
            "docs/permissions.md:{} `{}` ({})",
            row.line, row.surface, row.ownership
        );
        let Some(own) = Own::parse(&row.ownership) else {
            problems.push(format!("{at}: unknown ownership '{}'", row.ownership));
            continue;
        };
        if !row.enforced_by.contains("app::") && !row.enforced_by.contains("static") {
            problems.push(format!("{at}: names no app:: function"));
        }
        for (actor, expected) in Actor::ALL.into_iter().zip(&row.cells) {
            cells += 1;
            match run(w, &row.surface, own, actor).await {
                None => {
                    problems.push(format!("{at}: no test cell for this row"));
                    break;
                }
                Some(got) if &got != expected => problems.push(format!(
                    "{at} as {actor:?}: the doc says '{expected}', the code gives '{got}'"
                )),
                Some(_) => {}
            }
        }
    }
    (problems, rows.len(), cells)
}

fn assert_as_documented(problems: &[String], rows: usize, cells: usize, backend: &str) {
    assert!(
        problems.is_empty(),
        "{backend}: {} of {cells} cells ({rows} rows) disagree with docs/permissions.md:\n{}",
        problems.len(),
        problems.join("\n")
    );
    println!("{backend}: {rows} rows, {cells} cells: all as documented");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_cell_of_the_matrix_holds() {
    let w = World::start(None, None).await;
    let (problems, rows, cells) = walk(&w).await;
    w.finish().await;
    assert_as_documented(&problems, rows, cells, "SQLite");
}

/// The same walk on PostgreSQL (`TEST_PG_URL`; skipped with a notice when unset, except in
/// CI), on a fresh database with its own master key file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_cell_of_the_matrix_holds_on_postgres() {
    let Some(server) = pg::postgres().await else {
        return;
    };
    let database = pg::empty_postgres(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("master.key");
    mindlines::store::MasterKey::generate()
        .write_new(&key)
        .expect("the key file is written");
    let key = key.display().to_string();
    let w = World::start(Some(database.url.clone()), Some(key)).await;
    let (problems, rows, cells) = walk(&w).await;
    w.finish().await;
    assert_as_documented(&problems, rows, cells, "PostgreSQL");
}
