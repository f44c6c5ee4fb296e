//! The demo's supervision scenes: Alice shares an entry and Bilal flags his to discuss; Sam,
//! their supervisor, subscribes to the weekly digest; on Monday morning it arrives with the
//! picture; Sam reads Bilal's entry whole and comments; Bilal is told and sees the comment
//! under his entry; Lee, the team lead, sees team figures only. Every step checks that what it
//! shows happened.

use anyhow::{Context as _, ensure};
use chrono::Duration;

use super::transcript::Transcript;
use super::{Testbed, demo_start};
use crate::clock::Clock;
use crate::domain::member::DiscordId;
use crate::sandbox::{MessageFilter, MessageView, OptionValue};
use crate::store::EvidenceFilter;

/// Monday 30 November 2026, 08:00 in London: the first weekly digest after the demo starts.
pub fn first_digest() -> chrono::DateTime<chrono::Utc> {
    demo_start() + Duration::days(7)
}

/// The id of `handle`'s oldest entry.
async fn first_entry(tb: &Testbed, handle: &str) -> anyhow::Result<i64> {
    let (entries, _) = tb
        .store
        .evidence_of(DiscordId(tb.user(handle)), &EvidenceFilter::default())
        .await?;
    entries
        .iter()
        .map(|e| e.id)
        .min()
        .with_context(|| format!("{handle} has no entry"))
}

pub(super) async fn supervision(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    t.scene(tb, "Alice and Bilal choose what their supervisor sees");
    let alice_entry = first_entry(tb, "alice").await?;
    t.action(
        tb,
        "alice",
        &format!("runs /evidence share id:{alice_entry}"),
    );
    let shared = tb
        .command(
            "alice",
            "evidence share",
            &[("id", OptionValue::Int(alice_entry))],
        )
        .await?;
    t.catch_up(tb);
    ensure!(
        shared.contains("shared with Dr Sam Okafor"),
        "not shared: {shared}"
    );
    let bilal_entry = first_entry(tb, "bilal").await?;
    t.action(
        tb,
        "bilal",
        &format!("runs /evidence discuss id:{bilal_entry}"),
    );
    let flagged = tb
        .command(
            "bilal",
            "evidence discuss",
            &[("id", OptionValue::Int(bilal_entry))],
        )
        .await?;
    t.catch_up(tb);
    ensure!(
        flagged.contains("would like to discuss"),
        "not flagged: {flagged}"
    );

    t.action(tb, "sam", "runs /digest subscribe (default: Monday 08:00)");
    let subscribed = tb.command("sam", "digest subscribe", &[]).await?;
    t.catch_up(tb);
    ensure!(
        subscribed.contains("every Monday at 08:00"),
        "no subscription: {subscribed}"
    );

    tb.clock.set(first_digest());
    t.scene(tb, "Monday 08:00 — Sam's weekly digest arrives");
    let report = tb.run_jobs().await?;
    t.catch_up(tb);
    t.note(&format!("digests queued: {}", report.digests_queued));
    let sam = tb.user("sam");
    let header = tb.bot_dm_containing("sam", "Supervision digest", 0).await?;
    ensure!(
        header
            .attachments
            .iter()
            .any(|a| a["filename"] == "digest-coverage.png"),
        "the digest came without its picture"
    );
    t.note("the digest carries digest-coverage.png: supervisees × areas over 8 weeks");
    let bilal_section = tb
        .bot_dm_containing("sam", "**Bilal Hussain**", header.id)
        .await?;
    ensure!(
        bilal_section.text().contains("would like to discuss"),
        "the flagged entry is not in the digest"
    );

    t.scene(tb, "Sam reads Bilal's entry and answers it");
    let label = format!("Read #{bilal_entry}");
    t.action(tb, "sam", &format!("clicks [{label}]"));
    let click = tb.click("sam", bilal_section.id, &label)?;
    let entry = tb.answer_to(sam, click).await?;
    t.catch_up(tb);
    ensure!(
        entry.contains("shared with you"),
        "the entry did not open: {entry}"
    );
    let opened = newest_reply_with(tb, sam, click, "Comment")?;
    t.action(tb, "sam", "clicks [Comment] and writes one");
    let comment_click = tb.click("sam", opened.id, "Comment")?;
    let form = tb.modal_for(comment_click).await?;
    let kept = tb
        .submit(
            "sam",
            &form,
            &["Asking what each medicine is for, in his words, is a habit worth keeping. Shall we look at how you'd do it on a home visit?"],
        )
        .await?;
    t.catch_up(tb);
    ensure!(
        kept.contains("Comment kept"),
        "the comment was not kept: {kept}"
    );

    tb.clock.set(tb.clock.now() + Duration::minutes(5));
    tb.run_jobs().await?;
    let told = tb
        .bot_dm_containing("bilal", "commented on your entry", 0)
        .await?;
    t.catch_up(tb);
    ensure!(
        told.text().contains("Dr Sam Okafor"),
        "Bilal was not told who"
    );
    t.action(
        tb,
        "bilal",
        &format!("runs /evidence show id:{bilal_entry}"),
    );
    let shown = tb
        .command(
            "bilal",
            "evidence show",
            &[("id", OptionValue::Int(bilal_entry))],
        )
        .await?;
    t.catch_up(tb);
    ensure!(
        shown.contains("From your supervisor") && shown.contains("home visit"),
        "the comment is not under the entry"
    );

    t.scene(tb, "Lee, the team lead, looks at the team");
    t.action(tb, "lee", "runs /team summary");
    let summary = tb.command("lee", "team summary", &[]).await?;
    t.catch_up(tb);
    ensure!(
        summary.contains("fewer than 5 people"),
        "a small team's figures were shown: {summary}"
    );
    t.note("two people reflected, so every team figure is hidden: nothing can point to a person");
    Ok(())
}

/// The newest private reply to interaction `click` with a button labelled `label`.
fn newest_reply_with(
    tb: &Testbed,
    user: u64,
    click: u64,
    label: &str,
) -> anyhow::Result<MessageView> {
    tb.driver
        .messages(&MessageFilter::to_user(user).for_interaction(click))
        .into_iter()
        .filter(|m| m.button_labels().iter().any(|l| l == label))
        .max_by_key(|m| m.id)
        .with_context(|| format!("no reply with a [{label}] button"))
}
