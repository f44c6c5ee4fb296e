//! The PostgreSQL backup procedure of deploy/README.md §5, as an admin follows it, with the
//! real `pg_dump` and `pg_restore` and the mindlines binary: a dump taken before an erasure
//! without the data keys brings the member's rows back when restored but none of their text;
//! `mindlines erasures apply` with the ledger saved before the restore erases them again, and
//! `mindlines keys import` gives everyone else their keys back.
//!
//! Runs when `TEST_PG_URL` is set (and must, in CI), like the store contract's PostgreSQL half.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[allow(dead_code)]
#[path = "store_contract/support.rs"]
mod pg;

/// Words only Alice's reflection holds.
const REFLECTION: &str = "I kept a short note of what matters to the people I see often.";
/// Words only Bilal's reflection holds.
const BILAL: &str = "The pharmacy review found the interaction before the patient did.";

/// The newest installed PostgreSQL's tool `name` (the server's own version, as pg_dump needs).
fn pg_tool(name: &str) -> PathBuf {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    dirs.sort_by_key(|dir| {
        dir.file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.parse::<u32>().ok())
    });
    dirs.last()
        .map(|dir| dir.join("bin").join(name))
        .filter(|tool| tool.exists())
        .unwrap_or_else(|| PathBuf::from(name))
}

struct Admin<'a> {
    dir: &'a Path,
    url: &'a str,
    key: PathBuf,
}

impl Admin<'_> {
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_mindlines"))
            .args(args)
            .current_dir(self.dir)
            .env("MINDLINES_DATABASE_URL", self.url)
            .env("MINDLINES_SECURITY_MASTER_KEY_FILE", &self.key)
            .env_remove("MINDLINES_DISCORD_TOKEN")
            .output()
            .expect("mindlines runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            output.status.success(),
            "mindlines {args:?} failed:\n{text}"
        );
        text
    }

    fn member_id(&self, name: &str) -> Option<String> {
        let roster = self.ok(&["roster", "list"]);
        roster
            .lines()
            .find(|line| line.contains(name))
            .and_then(|line| line.split_whitespace().next())
            .map(str::to_owned)
    }
}

fn tool(name: &str, args: &[&str]) {
    let output = Command::new(pg_tool(name))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} runs: {e}"));
    assert!(
        output.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dump_from_before_an_erasure_is_erased_again_by_the_saved_ledger() {
    let Some(server) = pg::postgres().await else {
        return;
    };
    let database = pg::empty_postgres(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let admin = Admin {
        dir: dir.path(),
        url: &database.url,
        key: dir.path().join("master.key"),
    };
    admin.ok(&["keys", "generate", admin.key.to_str().unwrap()]);

    // Alice reflects in the sandbox, on this PostgreSQL database.
    let script = dir.path().join("reflect.sandbox");
    std::fs::write(
        &script,
        format!(
            "/time +1d\n/time +2h\n/click Reflect\n{REFLECTION}\nNot having to tell their \
             story again.\nI'll hand over what matters.\n/expect Saved to your evidence\n\
             /as bilal\n/click Reflect\n{BILAL}\nA second look.\nAsk sooner.\n\
             /expect Saved to your evidence\n"
        ),
    )
    .unwrap();
    let files = dir.path().join("files");
    admin.ok(&[
        "sandbox",
        "--strict",
        "--script",
        script.to_str().unwrap(),
        "--files",
        files.to_str().unwrap(),
    ]);
    let alice = admin.member_id("Alice").expect("Alice is on the roster");
    let export = |who: &str| admin.run(&["export", "--member", who, "--format", "md"]);
    assert!(String::from_utf8_lossy(&export(&alice).stdout).contains(REFLECTION));

    // The nightly dump without the data keys, then Alice's erasure, then the key file and
    // the ledger saved as §5 says.
    let dump = dir.path().join("mindlines.dump");
    tool(
        "pg_dump",
        &[
            "--format=custom",
            "--exclude-table-data=member_keys",
            "--file",
            dump.to_str().unwrap(),
            &database.url,
        ],
    );
    admin.ok(&["member", "erase", "--member", &alice, "--yes"]);
    assert_eq!(admin.member_id("Alice"), None);
    let ledger = dir.path().join("ledger-now.json");
    admin.ok(&["erasures", "save", ledger.to_str().unwrap()]);
    let keys = dir.path().join("keys.json");
    admin.ok(&["keys", "export", keys.to_str().unwrap()]);

    // Restoring the dump brings her back — which is why the ledger must be applied next.
    tool(
        "pg_restore",
        &[
            "--clean",
            "--if-exists",
            "--no-owner",
            "--dbname",
            &database.url,
            dump.to_str().unwrap(),
        ],
    );
    assert_eq!(admin.member_id("Alice").as_deref(), Some(alice.as_str()));

    // Until the keys are given back, nobody's text opens: the dump holds none.
    let bilal = admin.member_id("Bilal").expect("Bilal is back");
    let unreadable = export(&bilal);
    assert!(!String::from_utf8_lossy(&unreadable.stdout).contains(BILAL));

    admin.ok(&["erasures", "apply", ledger.to_str().unwrap()]);
    let imported = admin.ok(&["keys", "import", keys.to_str().unwrap()]);
    assert!(imported.contains("Added"), "{imported}");
    assert_eq!(admin.member_id("Alice"), None, "erased again");
    let after = export(&alice);
    assert!(
        !String::from_utf8_lossy(&after.stdout).contains(REFLECTION),
        "nothing of hers is readable"
    );
    let readable = export(&bilal);
    assert!(
        String::from_utf8_lossy(&readable.stdout).contains(BILAL),
        "Bilal's evidence reads again"
    );
    let verified = admin.ok(&["audit", "verify"]);
    assert!(verified.contains("chain intact"), "{verified}");
    // Applying the same ledger again changes nothing.
    admin.ok(&["erasures", "apply", ledger.to_str().unwrap()]);
    assert_eq!(admin.member_id("Alice"), None);
}
