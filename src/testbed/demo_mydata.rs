//! The demo's closing scene: Alice reads what mindlines keeps and for how long (`/privacy`),
//! then takes all of it away (`/mydata export`). Every step checks that what it shows
//! happened.

use anyhow::ensure;

use super::Testbed;
use super::transcript::Transcript;

pub(super) async fn her_data(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    t.scene(tb, "Alice's data — what is kept, and all of it by DM");
    t.action(tb, "alice", "runs /privacy");
    let privacy = tb.command("alice", "privacy", &[]).await?;
    t.catch_up(tb);
    ensure!(
        privacy.contains("What mindlines keeps about you"),
        "/privacy did not say what is kept: {privacy}"
    );
    t.action(tb, "alice", "runs /mydata export");
    let sent = tb.command("alice", "mydata export", &[]).await?;
    t.catch_up(tb);
    ensure!(
        sent.starts_with("Sent to your DMs"),
        "the data export was not sent: {sent}"
    );
    let files: Vec<String> = tb
        .driver
        .bot_messages_to(tb.user("alice"))
        .into_iter()
        .flat_map(|m| m.attachments)
        .filter_map(|a| a["filename"].as_str().map(str::to_owned))
        .filter(|name| name.starts_with("mindlines-my-data-"))
        .collect();
    ensure!(
        files.len() == 2,
        "expected the JSON and Markdown files: {files:?}"
    );
    t.note("the export is in the audit log about her, with counts and never the content");
    Ok(())
}
