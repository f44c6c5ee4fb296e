//! The demo's closing scene: Alice reads what mindlines keeps and for how long (`/privacy`),
//! then takes all of it away (`/mydata export`); Dev erases his (`/mydata erase`). Every step
//! checks that what it shows happened.

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
        .dm_file_names("alice")
        .into_iter()
        .filter(|name| name.starts_with("mindlines-my-data-"))
        .collect();
    ensure!(
        files.len() == 2,
        "expected the JSON and Markdown files: {files:?}"
    );
    t.note("the export is in the audit log about her, with counts and never the content");
    Ok(())
}

/// Dev erases everything mindlines holds about him: two private questions, then nothing of
/// his is left, the ledger has one line, and the audit chain still verifies.
pub(super) async fn dev_erases(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    use crate::domain::member::DiscordId;
    use crate::store::ChainReport;

    t.scene(tb, "Dev erases everything mindlines holds about him");
    let dev = DiscordId(tb.user("dev"));
    t.action(tb, "dev", "runs /mydata erase");
    tb.command("dev", "mydata erase", &[]).await?;
    t.catch_up(tb);
    let first = tb.newest_with_button("dev", "Continue to erase")?;
    t.action(tb, "dev", "clicks “Continue to erase”");
    tb.click("dev", first.id, "Continue to erase")?;
    let second = tb.rewritten(&first).await?;
    t.catch_up(tb);
    ensure!(
        tb.store.member(dev).await?.is_some(),
        "one confirmation erased him"
    );
    t.action(tb, "dev", "clicks “Erase everything now”");
    tb.click("dev", second.id, "Erase everything now")?;
    let done = tb.rewritten(&second).await?;
    t.catch_up(tb);
    ensure!(
        done.text().starts_with("Done."),
        "not erased: {}",
        done.text()
    );
    ensure!(
        tb.store.member(dev).await?.is_none(),
        "Dev is still on the roster"
    );
    let ledger = tb.store.erasures().await?;
    ensure!(
        ledger.iter().any(|line| line.member == dev),
        "the ledger does not have him"
    );
    let chain = tb.store.verify_audit_chain().await?;
    ensure!(
        matches!(chain, ChainReport::Intact { .. }),
        "the audit chain broke: {chain:?}"
    );
    t.note("the ledger keeps his id and the time only; the audit chain still verifies");
    Ok(())
}
