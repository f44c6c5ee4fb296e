//! The demo's last scene: six weeks after Alice's first reflection, her plan comes back to her,
//! privately, and her answer is kept linked to the first entry. Every step checks that what it
//! shows happened.

use anyhow::{Context as _, ensure};
use chrono::Duration;

use super::Testbed;
use super::transcript::Transcript;
use crate::domain::member::DiscordId;
use crate::sandbox::MessageFilter;
use crate::store::EvidenceFilter;

pub(super) async fn plan_comes_back(tb: &mut Testbed, t: &mut Transcript) -> anyhow::Result<()> {
    let alice = DiscordId(tb.user("alice"));
    let (entries, _) = tb
        .store
        .evidence_of(alice, &EvidenceFilter::default())
        .await?;
    let first = entries
        .iter()
        .min_by_key(|e| e.id)
        .context("alice has no entry")?
        .clone();
    tb.clock
        .set(first.created_at + Duration::weeks(6) + Duration::days(1) + Duration::minutes(5));
    t.scene(tb, "six weeks on — Alice's plan comes back to her");
    tb.run_jobs().await?;
    t.catch_up(tb);
    let followup = tb
        .driver
        .messages(&MessageFilter::to_user(alice.0).containing("Coming back to a plan"))
        .into_iter()
        .max_by_key(|m| m.id)
        .context("no follow-up arrived")?;
    ensure!(
        followup.text().contains("hand over what matters"),
        "the follow-up did not show her own plan"
    );
    t.action(
        tb,
        "alice",
        "clicks [Reflect on it] and answers the two questions",
    );
    let click = tb.click("alice", followup.id, "Reflect on it")?;
    let form = tb.modal_for(click).await?;
    let saved = tb
        .submit(
            "alice",
            &form,
            &[
                "I did it for most people on the ward; two handovers were rushed and it slipped.",
                "Start the note in the first week, not the last, so it is never a rush.",
            ],
        )
        .await?;
    t.catch_up(tb);
    ensure!(
        saved.contains(&format!("linked to entry #{}", first.id)),
        "the answer was not linked: {saved}"
    );
    t.note("nobody else is told whether she answered; the new entry is tagged like the first");
    Ok(())
}
