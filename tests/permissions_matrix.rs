//! Who may do what, proven: every cell of the matrix in `docs/permissions.md` (every slash
//! command and subcommand, every button and form kind × trainee, supervisor, lead, admin and
//! someone not on the roster × whose object it is) is walked through the `app::` use-case the
//! transport calls, on the real `App` (built by `compose` in the testbed, a real SQLite
//! file, the simulated clock), and the outcome must be the one the doc states.
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
#[path = "permissions/outcome.rs"]
mod outcome;
#[path = "permissions/world.rs"]
mod world;

use std::collections::BTreeSet;

use world::{Actor, Own, World};

/// Runs one cell; `None` when there is no scenario for its row.
async fn run(w: &World, surface: &str, own: Own, actor: Actor) -> Option<String> {
    if surface.starts_with('/') {
        commands::cell(w, surface, own, actor).await
    } else {
        components::cell(w, surface, own, actor).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_cell_of_the_matrix_holds() {
    let text = doc::doc_text();
    let rows = doc::rows(&text);
    assert!(!rows.is_empty(), "docs/permissions.md has no matrix rows");
    let w = World::start().await;
    let mut problems = Vec::new();

    let documented: BTreeSet<String> = rows.iter().map(|r| r.surface.clone()).collect();
    for command in drift::registered_commands(&w) {
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
            match run(&w, &row.surface, own, actor).await {
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
    w.finish().await;
    assert!(
        problems.is_empty(),
        "{} of {cells} cells ({} rows) disagree with docs/permissions.md:\n{}",
        problems.len(),
        rows.len(),
        problems.join("\n")
    );
    println!("{} rows, {cells} cells: all as documented", rows.len());
}
