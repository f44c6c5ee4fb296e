//! The reflection cycle as a trainee lives it, end to end through the local workspace: the one
//! reminder, skipping, "not relevant", and looking after their evidence with slash commands.

#[path = "e2e/support.rs"]
mod support;

use chrono::Duration;
use mindlines::clock::Clock;
use mindlines::domain::delivery::DeliveryStatus;
use mindlines::domain::member::DiscordId;
use mindlines::sandbox::{OptionValue, Place};
use mindlines::store::EvidenceFilter;
use mindlines::testbed::Testbed;
use support::{testbed, weekly_prompts_go_out};

async fn reflect_on_latest(tb: &Testbed, handle: &str, answer: &str) {
    let prompt = tb.latest_prompt(handle).unwrap();
    let click = tb.click(handle, prompt.id, "Reflect").unwrap();
    let modal = tb.modal_for(click).await.unwrap();
    tb.submit(handle, &modal, &[answer]).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unanswered_prompt_gets_one_reminder_and_an_answered_one_none() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    reflect_on_latest(&tb, "alice", "Done straight away.").await;
    for _ in 0..4 {
        tb.clock.set(tb.clock.now() + Duration::hours(24));
        tb.run_jobs().await.unwrap();
    }
    let nudges = |handle: &str| {
        tb.driver
            .bot_messages_to(tb.user(handle))
            .into_iter()
            .filter(|m| m.text().contains("gentle nudge"))
            .count()
    };
    assert_eq!(
        nudges("bilal"),
        1,
        "an unanswered prompt gets exactly one reminder"
    );
    assert_eq!(nudges("alice"), 0, "an answered prompt gets none");
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skipping_closes_the_prompt_and_tells_nobody() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    let prompt = tb.latest_prompt("dev").unwrap();
    let click = tb.click("dev", prompt.id, "Skip this week").unwrap();
    let reply = tb.answer_to(tb.user("dev"), click).await.unwrap();
    assert!(reply.contains("Nobody is told"), "{reply}");
    let delivery = tb
        .store
        .delivery_by_message(prompt.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(delivery.status, DeliveryStatus::Skipped);
    let updated = tb.driver.message(prompt.id).unwrap();
    assert!(
        updated.button_labels().is_empty(),
        "the skipped prompt keeps no buttons"
    );
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_relevant_is_remembered_for_that_member() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    let prompt = tb.latest_prompt("cara").unwrap();
    let delivery = tb
        .store
        .delivery_by_message(prompt.id)
        .await
        .unwrap()
        .unwrap();
    let click = tb.click("cara", prompt.id, "Not relevant to me").unwrap();
    tb.answer_to(tb.user("cara"), click).await.unwrap();
    let marked = tb
        .store
        .not_relevant_prompts(DiscordId(tb.user("cara")))
        .await
        .unwrap();
    assert!(marked.contains(delivery.prompt().expect("a prompt").0));
    let others = tb
        .store
        .not_relevant_prompts(DiscordId(tb.user("alice")))
        .await
        .unwrap();
    assert!(others.is_empty());
    support::finish(tb).await;
}

async fn add_tag(tb: &Testbed, id: i64, tag: &str) -> String {
    let options = [
        ("id", OptionValue::Int(id)),
        ("add", OptionValue::Str(tag.into())),
    ];
    tb.command("alice", "evidence tag", &options).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trainee_lists_reads_edits_shares_tags_and_deletes_their_evidence() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    reflect_on_latest(&tb, "alice", "My first answer.").await;
    let alice = DiscordId(tb.user("alice"));
    let (entries, _) = tb
        .store
        .evidence_of(alice, &EvidenceFilter::default())
        .await
        .unwrap();
    let id = entries[0].id;

    let list = tb.command("alice", "evidence list", &[]).await.unwrap();
    assert!(
        list.contains(&format!("#{id}")) && list.contains("My first answer."),
        "{list}"
    );
    let show = tb
        .command("alice", "evidence show", &[("id", OptionValue::Int(id))])
        .await
        .unwrap();
    assert!(
        show.contains("My first answer.") && show.contains("private"),
        "{show}"
    );

    // Edit through the pre-filled form.
    let interaction = tb
        .driver
        .slash_command(
            alice.0,
            Place::Dm,
            "evidence edit",
            &[("id", OptionValue::Int(id))],
        )
        .unwrap();
    let modal = tb.modal_for(interaction).await.unwrap();
    assert_eq!(modal.fields[0].value.as_deref(), Some("My first answer."));
    let saved = tb
        .submit("alice", &modal, &["My better answer."])
        .await
        .unwrap();
    assert!(saved.contains("updated"), "{saved}");
    let revisions = tb.store.evidence_revisions(alice, id).await.unwrap();
    assert_eq!(revisions.len(), 1);

    let shared = tb
        .command("alice", "evidence share", &[("id", OptionValue::Int(id))])
        .await
        .unwrap();
    assert!(shared.contains("is shared with Dr Sam Okafor"), "{shared}");
    let tagged = add_tag(&tb, id, "population health").await;
    assert!(tagged.contains("Population health"), "{tagged}");
    let bad_tag = add_tag(&tb, id, "astrology").await;
    assert!(bad_tag.contains("'astrology' is not a domain"), "{bad_tag}");

    // Delete asks first; "Delete" then removes it.
    let interaction = tb
        .driver
        .slash_command(
            alice.0,
            Place::Dm,
            "evidence delete",
            &[("id", OptionValue::Int(id))],
        )
        .unwrap();
    tb.answer_to(alice.0, interaction).await.unwrap();
    let confirm = tb
        .driver
        .ephemeral_replies_to(alice.0)
        .into_iter()
        .rfind(|m| m.button_labels().iter().any(|l| l.starts_with("Delete")))
        .unwrap();
    tb.driver
        .click_button(alice.0, confirm.id, &format!("Delete #{id}"))
        .unwrap();
    let store = tb.store.clone();
    support::eventually("the entry is deleted", || {
        let store = store.clone();
        async move { store.evidence_entry(alice, id).await.unwrap().is_none() }
    })
    .await;
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_elses_entry_looks_like_no_entry() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    reflect_on_latest(&tb, "alice", "Private to Alice.").await;
    let (entries, _) = tb
        .store
        .evidence_of(DiscordId(tb.user("alice")), &EvidenceFilter::default())
        .await
        .unwrap();
    let id = entries[0].id;
    for command in ["evidence show", "evidence share", "evidence delete"] {
        let answer = tb
            .command("bilal", command, &[("id", OptionValue::Int(id))])
            .await
            .unwrap();
        assert!(
            answer.contains(&format!("You have no evidence entry #{id}")),
            "{command}: {answer}"
        );
        assert!(!answer.contains("Private to Alice"));
    }
    let entry = tb
        .store
        .evidence_entry(DiscordId(tb.user("alice")), id)
        .await
        .unwrap()
        .unwrap();
    assert!(!entry.shared_with_supervisor);
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schedule_changes_name_what_was_wrong() {
    let tb = testbed().await;
    let bad = tb
        .command(
            "alice",
            "schedule set",
            &[("timezone", OptionValue::Str("Mars/Olympus".into()))],
        )
        .await
        .unwrap();
    assert!(bad.contains("Mars/Olympus"), "{bad}");
    let good = tb
        .command(
            "alice",
            "schedule set",
            &[
                ("cadence", OptionValue::Str("fortnightly".into())),
                ("day", OptionValue::Str("thu".into())),
                ("time", OptionValue::Str("2pm".into())),
            ],
        )
        .await
        .unwrap();
    assert!(
        good.contains("fortnightly on Thu") && good.contains("14:00"),
        "{good}"
    );
    let shown = tb.command("alice", "schedule show", &[]).await.unwrap();
    assert!(shown.contains("Next prompt: Thursday"), "{shown}");
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn coverage_comes_with_a_chart_and_export_arrives_by_dm() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    reflect_on_latest(&tb, "alice", "Something I learned.").await;
    let coverage = tb.command("alice", "coverage", &[]).await.unwrap();
    assert!(coverage.contains("1 reflection"), "{coverage}");
    let chart = tb
        .driver
        .ephemeral_replies_to(tb.user("alice"))
        .into_iter()
        .flat_map(|m| m.attachments)
        .any(|a| a["filename"] == "coverage.png");
    assert!(chart, "the coverage chart is attached");
    let export = tb
        .command(
            "alice",
            "export",
            &[(
                "format",
                OptionValue::Str("Markdown (for pasting into a portfolio)".into()),
            )],
        )
        .await
        .unwrap();
    assert!(export.contains("Sent 1 file(s)"), "{export}");
    let files = tb.dm_file_names("alice");
    assert!(files.iter().any(|f| f.ends_with(".md")), "{files:?}");
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_downtime_an_old_prompt_gets_no_reminder() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    // Nothing runs for five days (the bot was down), then the jobs catch up.
    tb.clock.set(tb.clock.now() + Duration::days(5));
    let report = tb.run_jobs().await.unwrap();
    assert_eq!(report.reminders_queued, 0);
    let nudges = tb
        .driver
        .bot_messages_to(tb.user("bilal"))
        .into_iter()
        .filter(|m| m.text().contains("gentle nudge"))
        .count();
    assert_eq!(nudges, 0, "no reminder about a prompt from days ago");
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_evidence_list_filters_by_dates_in_the_members_timezone() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await; // Tuesday 24 November
    reflect_on_latest(&tb, "alice", "Written on the 24th.").await;
    let list = |dates: &'static str| {
        let tb = &tb;
        async move {
            let options = [("dates", OptionValue::Str(dates.into()))];
            tb.command("alice", "evidence list", &options)
                .await
                .unwrap()
        }
    };
    assert!(list("2026-11-24").await.contains("Written on the 24th."));
    assert!(
        list("2026-11-01..2026-11-30")
            .await
            .contains("Written on the 24th.")
    );
    assert!(list("2026-11-25..").await.contains("No entries match"));
    let bad = list("soon").await;
    assert!(
        bad.contains("soon"),
        "the error names what was typed: {bad}"
    );
    support::finish(tb).await;
}
