//! `mindlines member …` through the real binary on a real SQLite file: leaving and rejoining
//! the programme (with `left_at` kept and cleared), and the export for a data request, which
//! writes the two files and is audited.

use std::path::Path;
use std::process::{Command, Output};

use mindlines::domain::member::DiscordId;
use mindlines::store::{AuditAction, MemberDataStore, SqliteStore, Store};

const MEMBER: &str = "100000000000000003";

fn mindlines(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mindlines"))
        .args(args)
        .current_dir(dir)
        .env("MINDLINES_DATABASE_URL", "sqlite://mindlines.db")
        .output()
        .expect("the binary runs")
}

fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leaving_rejoining_and_exporting_a_member() {
    let dir = tempfile::tempdir().unwrap();
    let roster = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/roster.example.csv");
    let imported = mindlines(dir.path(), &["roster", "import", roster.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", said(&imported));
    let member: DiscordId = MEMBER.parse().unwrap();

    let left = mindlines(dir.path(), &["member", "leave", "--member", MEMBER]);
    assert!(left.status.success(), "{}", said(&left));
    assert!(
        said(&left).contains("has left the programme"),
        "{}",
        said(&left)
    );
    let open = || async {
        let path = dir.path().join("mindlines.db");
        SqliteStore::open(path.to_str().unwrap()).await.unwrap()
    };
    let store = open().await;
    assert!(
        store
            .roster_dates(member)
            .await
            .unwrap()
            .unwrap()
            .left_at
            .is_some()
    );
    store.close().await;

    let back = mindlines(dir.path(), &["member", "rejoin", "--member", MEMBER]);
    assert!(
        said(&back).contains("is back on the programme"),
        "{}",
        said(&back)
    );
    let unknown = mindlines(
        dir.path(),
        &["member", "leave", "--member", "100000000000000999"],
    );
    assert!(!unknown.status.success(), "an unknown member fails");

    let out = dir.path().join("request-42");
    let export = mindlines(
        dir.path(),
        &[
            "member",
            "export",
            "--member",
            MEMBER,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(export.status.success(), "{}", said(&export));
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names.iter().all(|n| n.starts_with("mindlines-my-data-")),
        "{names:?}"
    );
    let json = names.iter().find(|n| n.ends_with(".json")).unwrap();
    let document: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(json)).unwrap()).unwrap();
    assert_eq!(document["roster"]["discord_id"], MEMBER);
    assert_eq!(document["roster"]["left_at"], serde_json::Value::Null);

    let store = open().await;
    let audit = store.audit_entries_about(member).await.unwrap();
    let exported = audit
        .iter()
        .find(|e| e.action == AuditAction::DataExported)
        .expect("the export is audited");
    assert_eq!(exported.actor, None, "by the command line");
    assert!(
        exported.detail.starts_with("cli entries=0"),
        "{}",
        exported.detail
    );
    store.close().await;
}
