//! The demo's wellbeing scenes: Bilal opts in to check-ins, answers his first one with a low
//! score and is offered the support menu; Dev opts in and changes his mind. Every step checks
//! that what it shows happened.

use anyhow::{Context as _, ensure};

use super::transcript::Transcript;
use super::{Testbed, first_checkin};
use crate::sandbox::MessageView;

pub(super) async fn check_ins(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    t.scene(tb, "Bilal and Dev try wellbeing check-ins");
    for handle in ["bilal", "dev"] {
        opt_in(tb, t, handle).await?;
    }
    t.action(tb, "dev", "changes his mind and runs /wellbeing stop");
    let stopped = tb.command("dev", "wellbeing stop", &[]).await?;
    t.catch_up(tb);
    ensure!(
        stopped.contains("Check-ins are off"),
        "dev's check-ins did not stop: {stopped}"
    );

    tb.clock.set(first_checkin());
    t.scene(tb, "Friday afternoon: the check-in arrives");
    tb.run_jobs().await?;
    t.catch_up(tb);
    let checkin = latest_checkin(tb, "bilal").context("bilal got no check-in")?;
    ensure!(
        latest_checkin(tb, "dev").is_none(),
        "dev got a check-in after stopping"
    );
    t.action(tb, "bilal", "taps [2 · Having a hard time]");
    tb.click("bilal", checkin.id, "2 · Having a hard time")?;
    let answered = tb.rewritten(&checkin).await?;
    t.catch_up(tb);
    ensure!(
        answered
            .button_labels()
            .iter()
            .any(|l| l == "Support options"),
        "the low-score reply offered no support options"
    );
    t.action(tb, "bilal", "clicks [Support options]");
    let click = tb.click("bilal", answered.id, "Support options")?;
    let options = tb.answer_to(tb.user("bilal"), click).await?;
    t.catch_up(tb);
    ensure!(
        options.contains("Samaritans"),
        "the support options were not shown"
    );
    t.note("nobody is told about the score; it is Bilal's, private unless he shares it");
    Ok(())
}

async fn opt_in(tb: &Testbed, t: &mut Transcript, handle: &str) -> anyhow::Result<()> {
    t.action(tb, handle, "runs /wellbeing start and clicks [Agree]");
    let agreed = tb.opt_in_to_checkins(handle).await?;
    t.catch_up(tb);
    ensure!(
        agreed.contains("check-ins are on"),
        "{handle}'s consent was not taken: {agreed}"
    );
    Ok(())
}

fn latest_checkin(tb: &Testbed, handle: &str) -> Option<MessageView> {
    tb.driver
        .bot_messages_to(tb.user(handle))
        .into_iter()
        .filter(|m| m.text().contains("**Check-in**"))
        .max_by_key(|m| m.id)
}
