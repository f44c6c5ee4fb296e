//! The admin's data-rights commands as an admin runs them, on a real SQLite file: `audit
//! verify`, `member erase` (refused without --yes), a roster import that names the erased
//! member refused by line, `backup`, `erasures save`, and `restore` of a backup taken before
//! the erasure.

use std::path::Path;
use std::process::{Command, Output};

const EXAMPLE: &str = "deploy/roster.example.csv";

fn mindlines(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mindlines"))
        .args(args)
        .env("MINDLINES_DATABASE_URL", db)
        .output()
        .unwrap()
}

fn out(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The first member id in the example roster.
fn first_member() -> String {
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    let line = text
        .lines()
        .find(|l| !l.starts_with('#') && !l.trim().is_empty() && !l.starts_with("discord_id"))
        .unwrap();
    line.split(',').next().unwrap().to_owned()
}

#[test]
fn erase_backup_and_restore_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let run = |args: &[&str]| mindlines(&db, args);
    assert!(run(&["roster", "import", EXAMPLE]).status.success());
    let verified = run(&["audit", "verify"]);
    assert!(verified.status.success(), "{}", out(&verified));
    assert!(
        out(&verified).contains("8 entries, chain intact, last hash "),
        "{}",
        out(&verified)
    );

    let backup = dir.path().join("before.db");
    let backup = backup.to_str().unwrap();
    assert!(run(&["backup", backup]).status.success());
    assert!(
        !run(&["backup", backup]).status.success(),
        "never overwrites"
    );

    let member = first_member();
    let refused = run(&["member", "erase", "--member", &member]);
    assert!(!refused.status.success());
    assert!(
        out(&refused).contains("Nothing was erased"),
        "{}",
        out(&refused)
    );
    let erased = run(&["member", "erase", "--member", &member, "--yes"]);
    assert!(erased.status.success(), "{}", out(&erased));

    let again = run(&["roster", "import", EXAMPLE]);
    assert!(!again.status.success());
    assert!(
        out(&again).contains("was erased at their request"),
        "{}",
        out(&again)
    );
    assert!(
        out(&again).contains(&format!("member {member}")),
        "{}",
        out(&again)
    );

    let ledger = dir.path().join("ledger.json");
    let ledger = ledger.to_str().unwrap();
    assert!(run(&["erasures", "save", ledger]).status.success());
    assert!(std::fs::read_to_string(ledger).unwrap().contains(&member));

    let restored = run(&["restore", backup, "--ledger", ledger]);
    assert!(restored.status.success(), "{}", out(&restored));
    assert!(
        out(&restored).contains("re-applied 1 erasure ledger lines"),
        "{}",
        out(&restored)
    );
    let listed = out(&run(&["roster", "list"]));
    assert!(
        !listed.contains(&member),
        "the erased member stays erased: {listed}"
    );
    let verified = run(&["audit", "verify"]);
    assert!(
        out(&verified).contains("chain intact"),
        "{}",
        out(&verified)
    );
}
