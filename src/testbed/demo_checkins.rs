//! The demo's wellbeing scenes: Bilal opts in to check-ins, answers his first one with a low
//! score and is offered the support menu; Dev opts in and changes his mind. Every step checks
//! that what it shows happened.

use anyhow::{Context as _, ensure};
use chrono::Duration;

use super::transcript::Transcript;
use super::{Testbed, demo_start};
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

    // Friday 27 November, 15:00 in London: the default fortnightly check-in time.
    tb.clock
        .set(demo_start() + Duration::days(4) + Duration::hours(7));
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
    let answered = changed(tb, &checkin).await?;
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
    t.action(tb, handle, "runs /wellbeing start");
    let offer = tb.command(handle, "wellbeing start", &[]).await?;
    t.catch_up(tb);
    ensure!(
        offer.contains("Who can see what"),
        "the consent text was not shown"
    );
    let consent = tb
        .driver
        .bot_messages_to(tb.user(handle))
        .into_iter()
        .filter(|m| m.button_labels().iter().any(|l| l == "Agree"))
        .max_by_key(|m| m.id)
        .context("the consent had no Agree button")?;
    t.action(tb, handle, "clicks [Agree]");
    tb.click(handle, consent.id, "Agree")?;
    changed(tb, &consent).await?;
    t.catch_up(tb);
    Ok(())
}

fn latest_checkin(tb: &Testbed, handle: &str) -> Option<MessageView> {
    tb.driver
        .bot_messages_to(tb.user(handle))
        .into_iter()
        .filter(|m| m.text().contains("**Check-in**"))
        .max_by_key(|m| m.id)
}

/// Waits (bounded) until the bot has rewritten `message`, and returns it as it is then.
async fn changed(tb: &Testbed, message: &MessageView) -> anyhow::Result<MessageView> {
    for _ in 0..400 {
        if let Some(now) = tb.driver.message(message.id)
            && now.text() != message.text()
        {
            return Ok(now);
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    anyhow::bail!("the bot did not answer the click within 10 s")
}
