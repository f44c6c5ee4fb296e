//! Small things a trainee (or a supervisor) hits, end to end: a long entry shown whole,
//! schedule answers that say what is true, a list page past the end, two `/reflect`s giving
//! two prompts, help that fits the role, and one polite answer a day to a stranger.

#[path = "e2e/support.rs"]
mod support;

use std::time::Duration as StdDuration;

use chrono::Duration;
use mindlines::sandbox::{MessageFilter, OptionValue, Place};
use mindlines::testbed::Testbed;
use support::{testbed, weekly_prompts_go_out};

/// Every message the bot answered `interaction` with, in order.
async fn all_answers(
    tb: &Testbed,
    handle: &str,
    command: &str,
    options: &[(&str, OptionValue)],
) -> Vec<String> {
    let user = tb.user(handle);
    let interaction = tb
        .driver
        .slash_command(user, Place::Dm, command, options)
        .unwrap();
    tb.answer_to(user, interaction).await.unwrap();
    tokio::time::sleep(StdDuration::from_millis(300)).await;
    let mut messages = tb
        .driver
        .messages(&MessageFilter::to_user(user).for_interaction(interaction));
    messages.sort_by_key(|m| m.id);
    messages
        .into_iter()
        .map(|m| m.text())
        .filter(|t| !t.trim().is_empty())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_entry_is_shown_whole_across_messages() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    let long: String = (0..122)
        .map(|i| format!("Sentence {i:03} of what I learned. "))
        .collect();
    assert!((3_850..=4_000).contains(&long.trim().chars().count()));
    let prompt = tb.latest_prompt("alice").unwrap();
    let click = tb.click("alice", prompt.id, "Reflect").unwrap();
    let modal = tb.modal_for(click).await.unwrap();
    let saved = tb.submit("alice", &modal, &[long.trim()]).await.unwrap();
    assert!(saved.contains("entry #1"), "{saved}");
    let parts = all_answers(
        &tb,
        "alice",
        "evidence show",
        &[("id", OptionValue::Int(1))],
    )
    .await;
    assert!(parts.len() >= 3, "split across messages: {}", parts.len());
    for part in &parts {
        assert!(part.chars().count() <= 2_000);
    }
    let shown = parts.join(" ");
    for i in [0, 64, 121] {
        assert!(
            shown.contains(&format!("Sentence {i:03}")),
            "sentence {i} is missing"
        );
    }
    assert!(shown.contains("/export"));
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schedule_answers_say_what_is_true() {
    let tb = testbed().await;
    let resume = tb.command("alice", "schedule resume", &[]).await.unwrap();
    assert!(resume.contains("not paused"), "{resume}");
    let past = [
        ("reason", OptionValue::Str("other".into())),
        ("dates", OptionValue::Str("2026-01-05..2026-01-09".into())),
    ];
    let refused = tb.command("alice", "schedule pause", &past).await.unwrap();
    assert!(refused.contains("in the past"), "{refused}");
    // A planned pause next month survives resuming today's pause.
    let later = [
        ("reason", OptionValue::Str("leave".into())),
        ("dates", OptionValue::Str("2026-12-21..2026-12-27".into())),
    ];
    tb.command("alice", "schedule pause", &later).await.unwrap();
    let now = [("reason", OptionValue::Str("other".into()))];
    let paused = tb.command("alice", "schedule pause", &now).await.unwrap();
    assert!(paused.contains("Paused (Other)"), "{paused}");
    let resumed = tb.command("alice", "schedule resume", &[]).await.unwrap();
    assert!(resumed.contains("Welcome back"), "{resumed}");
    assert!(resumed.contains("Paused (Leave): 2026-12-21"), "{resumed}");
    let nothing = tb.command("alice", "schedule set", &[]).await.unwrap();
    assert!(
        nothing.contains("can set") && nothing.contains("quiet_hours"),
        "{nothing}"
    );
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_past_the_end_says_how_many_pages_there_are() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    let sent = tb.dm("bilal", "One entry.").unwrap();
    tb.bot_dm_containing("bilal", "Kept as evidence", sent.id)
        .await
        .unwrap();
    let page = [("page", OptionValue::Int(5))];
    let answer = tb.command("bilal", "evidence list", &page).await.unwrap();
    assert!(answer.contains("There is one page"), "{answer}");
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reflect_twice_gives_two_prompts() {
    let tb = testbed().await;
    let bot_prompts = || {
        tb.driver
            .bot_messages_to(tb.user("dev"))
            .iter()
            .filter(|m| !m.ephemeral && !m.button_labels().is_empty())
            .count()
    };
    for _ in 0..2 {
        let answer = tb.command("dev", "reflect", &[]).await.unwrap();
        assert!(answer.contains("on its way"), "{answer}");
        tb.run_jobs().await.unwrap();
    }
    assert_eq!(bot_prompts(), 2);
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_fits_the_role_and_a_supervisor_has_no_prompt_schedule() {
    let tb = testbed().await;
    let trainee = tb.command("alice", "help", &[]).await.unwrap();
    assert!(trainee.contains("/schedule") && trainee.contains("/evidence"));
    let supervisor = tb.command("sam", "help", &[]).await.unwrap();
    assert!(!supervisor.contains("/schedule"), "{supervisor}");
    assert!(supervisor.contains("no prompts"), "{supervisor}");
    let schedule = tb.command("sam", "schedule show", &[]).await.unwrap();
    assert!(schedule.contains("no prompt schedule"), "{schedule}");
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_not_on_the_roster_hears_how_to_join_once_a_day() {
    let tb = testbed().await;
    let stranger = tb.driver.add_user("stranger");
    let hints = || {
        tb.driver
            .messages(&MessageFilter::to_user(stranger).containing("not on its roster"))
            .len()
    };
    for _ in 0..3 {
        tb.driver.send_dm(stranger, "hello?").unwrap();
    }
    tokio::time::sleep(StdDuration::from_millis(600)).await;
    assert_eq!(hints(), 1);
    tb.clock.advance(Duration::hours(25));
    tb.driver.send_dm(stranger, "hello again").unwrap();
    tokio::time::sleep(StdDuration::from_millis(600)).await;
    assert_eq!(hints(), 2);
    support::finish(tb).await;
}
