//! `mindlines demo`: the whole product, played as a story against the local workspace with a
//! simulated clock, printed as a transcript. Every step checks that what it shows happened;
//! the demo fails naming the first step that did not.

use std::future::Future;

use anyhow::{Context as _, ensure};
use chrono::Duration;

use super::files::FileFolder;
use super::transcript::Transcript;
use super::{Testbed, TestbedOptions, demo_start};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::member::DiscordId;
use crate::sandbox::OptionValue;
use crate::store::EvidenceFilter;

/// Runs the story, writing the files the bot sends into `files`; `Err` names the step that
/// failed.
pub async fn run_demo(config: Config, files: FileFolder) -> anyhow::Result<Transcript> {
    let files_dir = files.dir().display().to_string();
    let mut transcript = Transcript::printing().with_files(files);
    let options = TestbedOptions::demo_with(config);
    let mut tb = step(
        "the bot starts and registers its commands",
        Testbed::start(options),
    )
    .await?;
    let commands = tb.driver.registered_commands(None).len();
    transcript.scene(&tb, "mindlines starts against the local workspace");
    transcript.note(&format!(
        "cohort imported through the roster: {}",
        tb.users
            .iter()
            .map(|(h, _)| h.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    transcript.note(&format!("{commands} slash commands registered"));
    transcript.note(&format!("files the bot sends are written to {files_dir}"));
    let outcome = story(&mut tb, &mut transcript).await;
    tb.shutdown().await;
    outcome.map(|()| transcript)
}

async fn step<T>(name: &str, work: impl Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    work.await
        .with_context(|| format!("demo step '{name}' did not happen"))
}

async fn story(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    step(
        "a trainee runs a slash command and gets a private answer",
        ask_for_help(tb, t),
    )
    .await?;
    step("one trainee is on leave", put_on_leave(tb, t)).await?;
    step(
        "weekly prompts arrive by DM at local time",
        weekly_prompts(tb, t),
    )
    .await?;
    step(
        "a button opens the reflection form and the answer is kept",
        reflect_with_form(tb, t),
    )
    .await?;
    step(
        "a free-text DM reply is kept as evidence",
        reply_in_free_text(tb, t),
    )
    .await?;
    step("editing the reply updates the evidence", edit_reply(tb, t)).await?;
    step("a snoozed prompt comes back an hour later", snooze(tb, t)).await?;
    step("answering early with /reflect", answer_early(tb, t)).await?;
    step(
        "/coverage shows what the evidence covers, with a chart",
        coverage(tb, t),
    )
    .await?;
    step("/export sends the evidence by DM", export(tb, t)).await?;
    step(
        "check-ins: opt in, a low score gets the support menu, stopping stops them",
        super::demo_checkins::check_ins(tb, t),
    )
    .await?;
    step(
        "a supervisor's digest, a comment the trainee is told about, a lead's team figures",
        super::demo_supervision::supervision(tb, t),
    )
    .await?;
    step(
        "a case discussion: a removed identifier, a summary, a contributor's reflection",
        super::demo_cases::case_discussion(tb, t),
    )
    .await?;
    step(
        "a week later, Cara is back from leave and prompted again",
        a_week_later(tb, t),
    )
    .await?;
    step(
        "six weeks on, a plan comes back and the answer is linked to it",
        super::demo_followups::plan_comes_back(tb, t),
    )
    .await?;
    step(
        "/privacy says what is kept, and /mydata export sends all of it by DM",
        super::demo_mydata::her_data(tb, t),
    )
    .await?;
    step(
        "/mydata erase asks twice, privately, then nothing of Dev is left",
        super::demo_mydata::dev_erases(tb, t),
    )
    .await?;
    let refused = tb.spec_refusals();
    ensure!(
        refused.is_empty(),
        "Discord's spec refused bodies the bot sent:\n{}",
        refused.join("\n")
    );
    t.scene(tb, "the end");
    t.note("every step happened");
    Ok(())
}

async fn ask_for_help(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    t.scene(tb, "Alice asks what she can do");
    t.action(tb, "alice", "runs /help in her DM with the bot");
    let answer = tb.command("alice", "help", &[]).await?;
    t.catch_up(tb);
    ensure!(
        answer.contains("/reflect"),
        "the help did not list /reflect"
    );
    Ok(())
}

async fn put_on_leave(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    t.scene(tb, "Cara is on annual leave this week");
    t.action(
        tb,
        "cara",
        "runs /schedule pause reason:leave dates:2026-11-23..2026-11-29",
    );
    let options = [
        ("reason", OptionValue::Str("leave".into())),
        ("dates", OptionValue::Str("2026-11-23..2026-11-29".into())),
    ];
    let answer = tb.command("cara", "schedule pause", &options).await?;
    t.catch_up(tb);
    ensure!(
        answer.contains("Paused"),
        "the pause was not confirmed: {answer}"
    );
    Ok(())
}

async fn weekly_prompts(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    tb.clock.set(demo_start() + Duration::hours(26)); // Tuesday 10:00 in London
    t.scene(tb, "Tuesday 10:00 — the weekly prompts go out");
    let report = tb.run_jobs().await?;
    t.catch_up(tb);
    t.note(&format!(
        "prompts recorded: {}, sent: {}",
        report.scheduled.recorded, report.sent.sent
    ));
    for handle in ["alice", "bilal", "dev"] {
        tb.latest_prompt(handle)?;
    }
    ensure!(
        tb.latest_prompt("cara").is_err(),
        "cara got a prompt while on leave"
    );
    Ok(())
}

async fn reflect_with_form(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    tb.clock.set(tb.clock.now() + Duration::minutes(20));
    t.scene(tb, "Alice reflects through the form");
    let prompt = tb.latest_prompt("alice")?;
    t.action(tb, "alice", "clicks [Reflect]");
    let click = tb.click("alice", prompt.id, "Reflect")?;
    let modal = tb.modal_for(click).await?;
    let labels: Vec<&str> = modal.fields.iter().map(|f| f.label.as_str()).collect();
    t.note(&format!(
        "a form opens: \"{}\" with fields: {}",
        modal.title,
        labels.join(" / ")
    ));
    // The answers fit the prompt the seeded rotation gives her (continuity on rotation).
    let answers = [
        "I kept a short note of what matters to the people I see often, so whoever follows me starts there.",
        "Not having to tell their story again, and being known as a person, not a bed number.",
        "Before I rotate I'll hand over what matters to each person in their own words, not only the tasks.",
    ];
    t.action(tb, "alice", "fills in the form and submits it");
    tb.submit("alice", &modal, &answers).await?;
    t.catch_up(tb);
    let (entries, _) = tb
        .store
        .evidence_of(DiscordId(tb.user("alice")), &EvidenceFilter::default())
        .await?;
    ensure!(
        entries.len() == 1,
        "alice has {} evidence entries, expected 1",
        entries.len()
    );
    Ok(())
}

async fn reply_in_free_text(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    tb.clock.set(tb.clock.now() + Duration::hours(2));
    t.scene(tb, "Bilal answers in his own words");
    let sent = tb.dm("bilal", "Reviewing a frail man's eleven medicines with the GP and his carer, we stopped two. I learned to ask what each one is for, in his words.")?;
    tb.bot_dm_containing("bilal", "Kept as evidence", sent.id)
        .await?;
    t.catch_up(tb);
    Ok(())
}

async fn edit_reply(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    t.action(tb, "bilal", "edits his reply to add a plan");
    let bilal = DiscordId(tb.user("bilal"));
    let (entries, _) = tb
        .store
        .evidence_of(bilal, &EvidenceFilter::default())
        .await?;
    let entry = entries.first().context("bilal's reply was not kept")?;
    let message_id: u64 = entry_source_message(tb, bilal).await?;
    tb.driver.edit(bilal.0, message_id, "Reviewing a frail man's eleven medicines with the GP and his carer, we stopped two. I learned to ask what each one is for, in his words. Plan: use that question in every review this month.").map_err(|e| anyhow::anyhow!("{e}"))?;
    for _ in 0..200 {
        let updated = tb
            .store
            .evidence_entry(bilal, entry.id)
            .await?
            .context("entry vanished")?;
        if updated.answers[0].text.contains("Plan:") {
            t.catch_up(tb);
            t.note(&format!(
                "entry #{} now holds the edited text; the earlier version is kept as a revision",
                entry.id
            ));
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    anyhow::bail!("the edit did not reach the evidence")
}

async fn entry_source_message(tb: &Testbed, user: DiscordId) -> anyhow::Result<u64> {
    let mine = tb.driver.messages(
        &crate::sandbox::MessageFilter::in_channel(tb.driver.dm_channel(user.0)).by(user.0),
    );
    mine.last().map(|m| m.id).context("no DM from the trainee")
}

async fn snooze(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    t.scene(tb, "Dev is busy on the ward and snoozes");
    let prompt = tb.latest_prompt("dev")?;
    t.action(tb, "dev", "clicks [Snooze 1 hour]");
    let click = tb.click("dev", prompt.id, "Snooze 1 hour")?;
    tb.answer_to(tb.user("dev"), click).await?;
    t.catch_up(tb);
    tb.clock.set(tb.clock.now() + Duration::minutes(61));
    t.scene(tb, "an hour later");
    tb.run_jobs().await?;
    t.catch_up(tb);
    let again = tb.latest_prompt("dev")?;
    ensure!(
        again.id != prompt.id,
        "the snoozed prompt did not come back"
    );
    Ok(())
}

async fn answer_early(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    t.scene(tb, "Alice wants another prompt now, on digital health");
    // Her first prompt lost its buttons when she answered it, so there may be none yet.
    let before = tb.latest_prompt("alice").map(|m| m.id).unwrap_or(0);
    t.action(tb, "alice", "runs /reflect area: Digital (theme)");
    tb.command(
        "alice",
        "reflect",
        &[("area", OptionValue::Str("Digital (theme)".into()))],
    )
    .await?;
    tb.run_jobs().await?;
    t.catch_up(tb);
    let prompt = tb.latest_prompt("alice")?;
    ensure!(
        prompt.id != before && prompt.text().contains("Digital"),
        "no digital prompt arrived"
    );
    Ok(())
}

async fn coverage(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    t.scene(tb, "Alice looks at her coverage");
    t.action(tb, "alice", "runs /coverage");
    let answer = tb.command("alice", "coverage", &[]).await?;
    t.catch_up(tb);
    let with_chart = tb
        .driver
        .ephemeral_replies_to(tb.user("alice"))
        .into_iter()
        .any(|m| !m.attachments.is_empty());
    ensure!(
        answer.contains("Person-centred practice"),
        "coverage did not list the domains"
    );
    ensure!(with_chart, "the coverage chart was not attached");
    t.note("the reply carries coverage.png, a bar chart of entries per domain and theme");
    Ok(())
}

async fn export(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    t.action(tb, "alice", "runs /export");
    let answer = tb.command("alice", "export", &[]).await?;
    t.catch_up(tb);
    ensure!(
        answer.contains("Sent 3 file(s)"),
        "the export was not sent: {answer}"
    );
    let files = tb.dm_file_names("alice");
    t.note(&format!("files in Alice's DMs: {}", files.join(", ")));
    ensure!(
        files.iter().any(|f| f.ends_with(".md")),
        "no Markdown export arrived"
    );
    Ok(())
}

async fn a_week_later(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    tb.clock
        .set(demo_start() + Duration::days(7) + Duration::hours(26)); // Tuesday 1 Dec, 10:00
    t.scene(tb, "a week later — Cara's leave is over");
    let report = tb.run_jobs().await?;
    t.note(&format!("this week's prompts sent: {}", report.sent.sent));
    let cara = tb.latest_prompt("cara")?;
    t.catch_up(tb);
    ensure!(
        cara.text().contains("Reflect with the button"),
        "cara got no prompt after her leave"
    );
    Ok(())
}
