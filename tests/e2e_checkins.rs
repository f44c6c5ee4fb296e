//! Wellbeing check-ins end to end, through the real bot and the local workspace: opt-in with
//! recorded, versioned consent; a check-in on its own cadence that leave skips; one tap to
//! answer (only by its member); the tiered replies; a screened note; withdrawal that cancels
//! what is queued and keeps nothing pressed afterwards; and retention on the simulated clock.

#[path = "e2e/support.rs"]
mod support;

use chrono::{DateTime, Duration, Utc};
use mindlines::app::checkins::schedule_due_checkins;
use mindlines::clock::Clock;
use mindlines::domain::delivery::{DeliveryKind, DeliveryStatus};
use mindlines::domain::member::DiscordId;
use mindlines::sandbox::{MessageView, OptionValue};
use mindlines::testbed::{Testbed, demo_start, first_checkin};
use support::testbed;

async fn opt_in(tb: &Testbed, handle: &str) {
    let agreed = tb.opt_in_to_checkins(handle).await.unwrap();
    assert!(agreed.contains("check-ins are on"), "{agreed}");
}

fn checkins(tb: &Testbed, handle: &str) -> Vec<MessageView> {
    let mut found: Vec<MessageView> = tb
        .driver
        .bot_messages_to(tb.user(handle))
        .into_iter()
        .filter(|m| m.text().contains("**Check-in**"))
        .collect();
    found.sort_by_key(|m| m.id);
    found
}

async fn at(tb: &Testbed, when: DateTime<Utc>) {
    tb.clock.set(when);
    tb.run_jobs().await.unwrap();
}

/// Taps `score` on the newest check-in and returns the message once it has changed.
async fn tap(tb: &Testbed, handle: &str, score: u8) -> MessageView {
    let checkin = checkins(tb, handle).pop().expect("a check-in");
    let label = checkin
        .button_labels()
        .into_iter()
        .find(|l| l.starts_with(&format!("{score} ·")))
        .expect("a button for the score");
    tb.click(handle, checkin.id, &label).unwrap();
    tb.rewritten(&checkin).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_opts_in_answers_low_twice_and_gets_the_tiers() {
    let tb = testbed().await;
    opt_in(&tb, "alice").await;
    let state = tb
        .store
        .wellbeing_of(DiscordId(tb.user("alice")))
        .await
        .unwrap()
        .unwrap();
    let version = tb
        .app
        .library
        .wellbeing()
        .unwrap()
        .consent()
        .version
        .clone();
    assert_eq!(state.consent_version.as_deref(), Some(version.as_str()));
    assert!(!state.sharing, "sharing is off by default");

    at(&tb, first_checkin()).await;
    let first = checkins(&tb, "alice");
    assert_eq!(first.len(), 1, "one check-in, by DM");
    assert_eq!(first[0].button_labels().len(), 5);
    assert!(checkins(&tb, "bilal").is_empty(), "bilal never opted in");

    // Someone else pressing alice's scale changes nothing.
    let label = first[0].button_labels()[0].clone();
    let other = tb.click("bilal", first[0].id, &label).unwrap();
    let refused = tb.answer_to(tb.user("bilal"), other).await.unwrap();
    assert!(refused.contains("no longer open"), "{refused}");

    let answered = tap(&tb, "alice", 2).await;
    assert!(
        answered.text().contains("support options"),
        "{}",
        answered.text()
    );
    let labels = answered.button_labels();
    assert!(labels.iter().any(|l| l == "Support options"), "{labels:?}");
    assert!(labels.iter().any(|l| l.starts_with("Pause")), "{labels:?}");

    // A fortnight later, another low: the gentle suggestion to talk to someone.
    at(&tb, first_checkin() + Duration::days(14)).await;
    assert_eq!(checkins(&tb, "alice").len(), 2);
    let again = tap(&tb, "alice", 1).await;
    assert!(
        again.text().contains("someone you trust"),
        "{}",
        again.text()
    );
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn risk_language_in_a_note_gets_signposting_and_nothing_is_kept() {
    let tb = testbed().await;
    opt_in(&tb, "dev").await;
    at(&tb, first_checkin()).await;
    let answered = tap(&tb, "dev", 3).await;
    let note_click = tb.click("dev", answered.id, "Add a note").unwrap();
    let modal = tb.modal_for(note_click).await.unwrap();
    let reply = tb
        .submit("dev", &modal, &["I can't go on like this"])
        .await
        .unwrap();
    assert!(reply.contains("Samaritans"), "{reply}");
    let answers = tb
        .store
        .checkin_answers(DiscordId(tb.user("dev")), demo_start())
        .await
        .unwrap();
    assert_eq!(answers.len(), 1, "the score stays");
    assert!(!answers[0].has_note, "the note was not kept");
    // A plain note is kept.
    let note_click = tb.click("dev", answered.id, "Add a note").unwrap();
    let modal = tb.modal_for(note_click).await.unwrap();
    let kept = tb.submit("dev", &modal, &["Long week."]).await.unwrap();
    assert!(kept.contains("Note kept"), "{kept}");
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leave_skips_a_check_in() {
    let tb = testbed().await;
    opt_in(&tb, "cara").await;
    let leave = [
        ("reason", OptionValue::Str("leave".into())),
        ("dates", OptionValue::Str("2026-11-26..2026-11-28".into())),
    ];
    tb.command("cara", "schedule pause", &leave).await.unwrap();
    at(&tb, first_checkin()).await;
    at(&tb, first_checkin() + Duration::days(1)).await;
    assert!(checkins(&tb, "cara").is_empty(), "no check-in on leave");
    at(&tb, first_checkin() + Duration::days(14)).await;
    assert_eq!(
        checkins(&tb, "cara").len(),
        1,
        "the next one comes as planned"
    );
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_cancels_a_queued_check_in_at_once() {
    let tb = testbed().await;
    opt_in(&tb, "bilal").await;
    tb.clock.set(first_checkin());
    // Queued, not yet sent.
    assert_eq!(
        schedule_due_checkins(&tb.app, tb.clock.now())
            .await
            .unwrap(),
        1
    );
    let stopped = tb.command("bilal", "wellbeing stop", &[]).await.unwrap();
    assert!(stopped.contains("Check-ins are off"), "{stopped}");
    tb.run_jobs().await.unwrap();
    assert!(checkins(&tb, "bilal").is_empty(), "nothing was sent");
    let queued: Vec<_> = tb
        .store
        .deliveries_of(DiscordId(tb.user("bilal")))
        .await
        .unwrap()
        .into_iter()
        .filter(|d| d.kind == DeliveryKind::Checkin)
        .collect();
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].status, DeliveryStatus::Expired);
    // And no more come.
    at(&tb, first_checkin() + Duration::days(14)).await;
    assert!(checkins(&tb, "bilal").is_empty());
    support::finish(tb).await;
}

/// A check-in delivered before `/wellbeing stop` keeps its buttons in the DM. Pressing them
/// afterwards (a score, or a note on one answered before) must keep nothing: it is health
/// data and consent is withdrawn.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_check_in_pressed_after_stopping_keeps_nothing() {
    let tb = testbed().await;
    opt_in(&tb, "cara").await;
    opt_in(&tb, "alice").await;
    at(&tb, first_checkin()).await;
    let answered = tap(&tb, "alice", 3).await;
    for handle in ["cara", "alice"] {
        let stopped = tb.command(handle, "wellbeing stop", &[]).await.unwrap();
        assert!(stopped.contains("Check-ins are off"), "{stopped}");
    }

    let checkin = checkins(&tb, "cara")
        .pop()
        .expect("delivered before the stop");
    let label = checkin.button_labels()[2].clone();
    let click = tb.click("cara", checkin.id, &label).unwrap();
    let refused = tb.answer_to(tb.user("cara"), click).await.unwrap();
    assert!(refused.contains("nothing of this was kept"), "{refused}");
    let cara = DiscordId(tb.user("cara"));
    let kept = tb.store.checkin_answers(cara, demo_start()).await.unwrap();
    assert!(kept.is_empty(), "no score kept after withdrawal: {kept:?}");

    let note_click = tb.click("alice", answered.id, "Add a note").unwrap();
    let modal = tb.modal_for(note_click).await.unwrap();
    let reply = tb.submit("alice", &modal, &["Long week."]).await.unwrap();
    assert!(reply.contains("nothing of this was kept"), "{reply}");
    let alice = DiscordId(tb.user("alice"));
    let answers = tb.store.checkin_answers(alice, demo_start()).await.unwrap();
    assert_eq!(answers.len(), 1, "the score given before the stop stays");
    assert!(!answers[0].has_note, "no note kept after withdrawal");
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notes_and_scores_go_after_their_retention_periods() {
    let tb = testbed().await;
    opt_in(&tb, "alice").await;
    at(&tb, first_checkin()).await;
    let answered = tap(&tb, "alice", 4).await;
    let note_click = tb.click("alice", answered.id, "Add a note").unwrap();
    let modal = tb.modal_for(note_click).await.unwrap();
    tb.submit("alice", &modal, &["Good team this week."])
        .await
        .unwrap();
    let alice = DiscordId(tb.user("alice"));
    let answers = |tb: &Testbed| {
        let store = tb.store.clone();
        async move { store.checkin_answers(alice, demo_start()).await.unwrap() }
    };
    assert!(answers(&tb).await[0].has_note);
    tb.command("alice", "wellbeing stop", &[]).await.unwrap();
    at(&tb, first_checkin() + Duration::days(91)).await;
    let after_notes = answers(&tb).await;
    assert_eq!(after_notes.len(), 1, "the score stays for now");
    assert!(!after_notes[0].has_note, "the note is gone after 90 days");
    at(&tb, first_checkin() + Duration::days(366)).await;
    assert!(
        answers(&tb).await.is_empty(),
        "the score is gone after 365 days"
    );
    support::finish(tb).await;
}

#[test]
fn no_missed_figure_exists_in_the_check_in_code() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = [
        "src/app/checkins/mod.rs",
        "src/app/checkins/answer.rs",
        "src/app/checkins/scheduling.rs",
        "src/domain/wellbeing/checkins.rs",
        "src/store/wellbeing.rs",
        "src/store/sql/wellbeing.rs",
    ];
    for file in files {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            let lower = line.to_lowercase();
            assert!(
                !lower.contains("missed") && !lower.contains("unanswered"),
                "{file}: a missed/unanswered figure: {line}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_consent_text_asks_again_before_any_check_in() {
    let tb = testbed().await;
    let bilal = DiscordId(tb.user("bilal"));
    // Bilal agreed to an earlier version of the consent text than the one shipped now.
    let plan = mindlines::domain::wellbeing::checkins::CheckinPlan::default_from(
        demo_start().date_naive(),
    );
    tb.store
        .consent_to_checkins(
            bilal,
            "2026-04-1",
            &plan,
            Some(first_checkin()),
            demo_start(),
        )
        .await
        .unwrap();
    at(&tb, first_checkin()).await;
    assert!(
        checkins(&tb, "bilal").is_empty(),
        "no check-in under old consent"
    );
    let asked = tb
        .driver
        .bot_messages_to(tb.user("bilal"))
        .into_iter()
        .filter(|m| m.text().contains("consent text has changed"))
        .count();
    assert_eq!(asked, 1);
    // Asked once, not every fortnight.
    at(&tb, first_checkin() + Duration::days(14)).await;
    let asked_again = tb
        .driver
        .bot_messages_to(tb.user("bilal"))
        .into_iter()
        .filter(|m| m.text().contains("consent text has changed"))
        .count();
    assert_eq!(asked_again, 1);
    // Agreeing to the current text brings check-ins back: the next fortnightly Friday is
    // Christmas Day, a bank holiday, so the one after (8 January).
    opt_in(&tb, "bilal").await;
    at(&tb, first_checkin() + Duration::days(28)).await;
    assert!(checkins(&tb, "bilal").is_empty(), "none on a bank holiday");
    at(&tb, first_checkin() + Duration::days(42)).await;
    assert_eq!(checkins(&tb, "bilal").len(), 1);
    support::finish(tb).await;
}
