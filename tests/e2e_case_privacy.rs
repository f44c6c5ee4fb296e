//! The anonymisation guard keeps no copy: a case-thread message with an NHS number is removed,
//! and afterwards neither the SQLite file (with its WAL) nor mindlines' own TRACE-level logs
//! hold its text or the number — the log holds the kind and the count only.

#[path = "e2e/support.rs"]
mod support;

use mindlines::sandbox::OptionValue;
use mindlines::testbed::{Testbed, TestbedOptions};

const CANARY: &str = "canary-case-4d2e";
const NHS_NUMBER: &str = "943 476 5919";

fn file_holds(path: &std::path::Path, needle: &str) -> bool {
    std::fs::read(path).is_ok_and(|bytes| {
        bytes
            .windows(needle.len())
            .any(|window| window == needle.as_bytes())
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removed_message_leaves_nothing_in_the_store_or_the_logs() {
    let buffer = support::LogBuffer::capture();

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mindlines.db");
    let mut options = TestbedOptions::demo();
    options.database_url = Some(format!("sqlite://{}", db.display()));
    let tb = Testbed::start(options).await.unwrap();
    let channel = tb.driver.channel_id("case-discussions").unwrap();
    tb.command_in("lee", channel, "case channel", &[])
        .await
        .unwrap();
    let opened = tb
        .command_in(
            "lee",
            channel,
            "case start",
            &[
                ("title", OptionValue::Str("A fall at home".into())),
                ("domains", OptionValue::Str("complex multimorbidity".into())),
            ],
        )
        .await
        .unwrap();
    let start = opened.find("<#").unwrap() + 2;
    let thread: u64 = opened[start..start + opened[start..].find('>').unwrap()]
        .parse()
        .unwrap();
    let text = format!("{CANARY} her NHS number is {NHS_NUMBER}");
    tb.driver.post(tb.user("bilal"), thread, &text).unwrap();
    tb.bot_dm_containing("bilal", "I removed your message", 0)
        .await
        .unwrap();
    let store = tb.store.clone();
    support::finish(tb).await;
    store.close().await;

    assert!(
        file_holds(&db, "A fall at home"),
        "the case's own title is in the file read"
    );
    for path in [db.clone(), db.with_extension("db-wal")] {
        for needle in [CANARY, NHS_NUMBER, "9434765919"] {
            assert!(
                !file_holds(&path, needle),
                "{} holds '{needle}'",
                path.display()
            );
        }
    }
    let logs = buffer.text();
    for needle in [CANARY, NHS_NUMBER, "9434765919"] {
        assert!(!logs.contains(needle), "'{needle}' reached the logs");
    }
    assert!(
        logs.contains("the anonymisation guard removed a case message")
            && logs.contains("NHS_NUMBER"),
        "the removal is logged by kind"
    );
}
