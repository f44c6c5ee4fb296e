//! The demo's case discussion: Lee, the team lead, opens a case thread; Bilal (a pharmacist)
//! and Alice (a nurse) contribute; Alice's first message holds a patient identifier and is
//! removed at once, she is sent it masked and reposts it; Lee moves a stage on and closes the
//! case with a summary; Bilal's reflection on it is kept as evidence. Every step checks that
//! what it shows happened.

use anyhow::{Context as _, ensure};
use chrono::Duration;

use super::Testbed;
use super::transcript::Transcript;
use crate::clock::Clock;
use crate::domain::evidence::EvidenceSource;
use crate::domain::member::DiscordId;
use crate::sandbox::{OptionValue, Place};
use crate::store::EvidenceFilter;

/// The thread id in the bot's "Opened the case thread <#123>".
fn thread_in(text: &str) -> Option<u64> {
    let start = text.find("<#")? + 2;
    let end = start + text[start..].find('>')?;
    text[start..end].parse().ok()
}

pub(super) async fn case_discussion(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    tb.clock.set(tb.clock.now() + Duration::hours(1));
    t.scene(tb, "Lee opens a case discussion for the team");
    let channel = tb
        .driver
        .channel_id("case-discussions")
        .context("no #case-discussions channel")?;
    t.action(tb, "lee", "runs /case channel in #case-discussions");
    tb.command_in("lee", channel, "case channel", &[]).await?;
    t.action(
        tb,
        "lee",
        "runs /case start title:Falls at home after a new medicine domains:complex multimorbidity, system working",
    );
    let opened = tb
        .command_in(
            "lee",
            channel,
            "case start",
            &[
                (
                    "title",
                    OptionValue::Str("Falls at home after a new medicine".into()),
                ),
                (
                    "domains",
                    OptionValue::Str("complex multimorbidity, system working".into()),
                ),
            ],
        )
        .await?;
    t.catch_up(tb);
    let thread = thread_in(&opened).context("no case thread was opened")?;

    t.scene(tb, "a pharmacist and a nurse contribute");
    t.action(tb, "bilal", "writes in the thread");
    tb.driver.post(
        tb.user("bilal"),
        thread,
        "From pharmacy: the new blood pressure tablet was started the week the falls began. Worth asking about dizziness on standing.",
    )?;
    t.action(
        tb,
        "alice",
        "writes in the thread, with a patient's NHS number in it",
    );
    tb.driver.post(
        tb.user("alice"),
        thread,
        "She is 943 476 5919 on our system — the district nurses saw her twice. Her stairs are the real risk.",
    )?;
    let told = tb
        .bot_dm_containing("alice", "I removed your message", 0)
        .await?;
    t.catch_up(tb);
    ensure!(
        !told.text().contains("943 476 5919"),
        "the masked copy still held the number"
    );
    t.action(tb, "alice", "reposts it without the number");
    tb.driver.post(
        tb.user("alice"),
        thread,
        "The district nurses saw her twice. Her stairs are the real risk.",
    )?;
    t.action(tb, "lee", "runs /case stage next in the thread");
    tb.command_in("lee", thread, "case stage next", &[]).await?;
    t.catch_up(tb);

    t.scene(tb, "Lee closes the case with a summary");
    let interaction = tb
        .driver
        .slash_command(tb.user("lee"), Place::Channel(thread), "case close", &[])
        .map_err(|e| anyhow::anyhow!("/case close: {e}"))?;
    let form = tb.modal_for(interaction).await?;
    t.action(tb, "lee", "fills in the summary form");
    let closed = tb
        .submit(
            "lee",
            &form,
            &[
                "A new medicine and the stairs together: ask about dizziness and the home at the first review.",
                "Bring pharmacy and the district nurses into the first review, not the third.",
                "How do carers tell us about falls sooner?",
            ],
        )
        .await?;
    t.catch_up(tb);
    ensure!(
        closed.contains("Closed"),
        "the case did not close: {closed}"
    );
    tb.run_jobs().await?;
    t.catch_up(tb);
    let prompt = tb
        .bot_dm_containing("bilal", "After the case discussion", 0)
        .await?;
    t.action(tb, "bilal", "clicks [Reflect] and answers");
    let click = tb.click("bilal", prompt.id, "Reflect")?;
    let form = tb.modal_for(click).await?;
    tb.submit(
        "bilal",
        &form,
        &[
            "The nurse's view of the stairs made the dizziness matter more than the numbers.",
            "I'll ask about the home before suggesting a change, and say why.",
        ],
    )
    .await?;
    t.catch_up(tb);
    let (entries, _) = tb
        .store
        .evidence_of(DiscordId(tb.user("bilal")), &EvidenceFilter::default())
        .await?;
    ensure!(
        entries
            .iter()
            .any(|e| e.source == EvidenceSource::CaseDiscussion),
        "Bilal's reflection on the case was not kept"
    );
    t.note("the thread's messages stay on Discord; mindlines kept the case's title, stages, summary and who took part, never what they wrote");
    Ok(())
}
