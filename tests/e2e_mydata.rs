//! `/mydata export` and `/privacy` end to end, through the real bot and the local workspace:
//! the export reaches the member's DMs as a JSON and a Markdown file holding a record of every
//! kind, the reply says what was sent, the export is audited (counts, never content), closed
//! DMs are said truthfully, and `/privacy` reads its periods from the settings.

#[path = "e2e/support.rs"]
mod support;

use mindlines::clock::Clock;
use mindlines::config::Config;
use mindlines::domain::case::{CaseSummary, NewCase};
use mindlines::domain::curriculum::Area;
use mindlines::domain::evidence::Answer;
use mindlines::domain::inbox::{InboundKind, InboundMessage};
use mindlines::domain::member::DiscordId;
use mindlines::domain::supervision::CommentKind;
use mindlines::store::{AuditAction, EvidenceFilter};
use mindlines::testbed::{Testbed, TestbedOptions, first_checkin};
use serde_json::Value;
use support::{testbed, weekly_prompts_go_out};

const REFLECTION: &str = "What I learned about shared decisions.";

/// Alice writes a reflection through the bot, opts in to check-ins and answers one with a
/// note; the rest of her records (an edit, a comment, a case, a DM still waiting) are written
/// straight to the store, as the features that make them are tested on their own.
async fn alice_with_every_kind_of_record(tb: &Testbed) -> DiscordId {
    let alice = DiscordId(tb.user("alice"));
    weekly_prompts_go_out(tb).await;
    let prompt = tb.latest_prompt("alice").unwrap();
    let click = tb.click("alice", prompt.id, "Reflect").unwrap();
    let modal = tb.modal_for(click).await.unwrap();
    tb.submit("alice", &modal, &[REFLECTION]).await.unwrap();
    let agreed = tb.opt_in_to_checkins("alice").await.unwrap();
    assert!(agreed.contains("check-ins are on"), "{agreed}");
    tb.clock.set(first_checkin());
    tb.run_jobs().await.unwrap();
    let checkin = tb.newest_with_button("alice", "4 ·").unwrap();
    let label = checkin
        .button_labels()
        .into_iter()
        .find(|l| l.starts_with("4 ·"))
        .unwrap();
    tb.click("alice", checkin.id, &label).unwrap();
    let answered = tb.rewritten(&checkin).await.unwrap();
    let note = tb.click("alice", answered.id, "Add a note").unwrap();
    let modal = tb.modal_for(note).await.unwrap();
    tb.submit("alice", &modal, &["A calmer week."])
        .await
        .unwrap();

    let store = &tb.store;
    let now = tb.clock.now();
    let (entries, _) = store
        .evidence_of(alice, &EvidenceFilter::default())
        .await
        .unwrap();
    let entry = entries[0].id;
    let edited = [Answer {
        stem: entries[0].answers[0].stem.clone(),
        text: "The second draft.".into(),
    }];
    assert!(
        store
            .update_evidence_answers(alice, entry, &edited, now)
            .await
            .unwrap()
    );
    assert!(
        store
            .set_evidence_shared(alice, entry, true, now)
            .await
            .unwrap()
    );
    let sam = DiscordId(tb.user("sam"));
    let comment = store.add_comment(sam, entry, CommentKind::Comment, Some("Well put."), now);
    assert!(comment.await.unwrap().is_some());
    let team = store
        .team_of(alice)
        .await
        .unwrap()
        .expect("alice has a team")
        .name;
    let case = NewCase {
        team,
        channel_id: 1,
        thread_id: 2,
        title: "Frailty and falls".into(),
        template: "wisegp".into(),
        domains: vec![Area::ComplexMultimorbidity],
        lead: alice,
        at: now,
    };
    let case = store
        .open_case(&case)
        .await
        .unwrap()
        .expect("the case opens");
    let summary = CaseSummary {
        learning: "Ask about falls early.".into(),
        differently: "Involve the pharmacist.".into(),
        questions: "None.".into(),
    };
    assert!(store.close_case(case, &summary, now, &[]).await.unwrap());
    let waiting = InboundMessage {
        message_id: 4_000_000_000_000_001,
        channel_id: 4_000_000_000_000_002,
        author: alice,
        kind: InboundKind::Created,
        content: "A message still waiting.".into(),
        reply_to: None,
        written_at: now,
    };
    assert!(store.record_inbound(&waiting, now).await.unwrap());
    alice
}

/// The files the bot sent `handle` by DM (not ephemerally), by name.
fn dm_files(tb: &Testbed, handle: &str) -> Vec<(String, Vec<u8>)> {
    tb.driver
        .bot_messages_to(tb.user(handle))
        .into_iter()
        .filter(|m| !m.ephemeral)
        .flat_map(|m| m.attachments)
        .filter_map(|a| {
            let name = a["filename"].as_str()?.to_owned();
            let id = a["id"].as_str()?.parse().ok()?;
            Some((name, tb.driver.attachment_bytes(id)?))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_export_reaches_the_dms_with_every_kind_of_record_and_is_audited() {
    let tb = testbed().await;
    let alice = alice_with_every_kind_of_record(&tb).await;
    let reply = tb.command("alice", "mydata export", &[]).await.unwrap();
    assert!(reply.starts_with("Sent to your DMs: two files"), "{reply}");
    for count in [
        "1 evidence entry,",
        "1 earlier version,",
        "1 supervisor response,",
        "1 check-in answer,",
        "1 consent record,",
        "1 case discussion,",
        "1 direct message awaiting processing,",
    ] {
        assert!(reply.contains(count), "{count} in {reply}");
    }

    let files = dm_files(&tb, "alice");
    let json = files
        .iter()
        .find(|(n, _)| n.ends_with(".json"))
        .expect("a JSON file");
    let markdown = files
        .iter()
        .find(|(n, _)| n.ends_with(".md"))
        .expect("a Markdown file");
    assert!(json.0.starts_with("mindlines-my-data-"), "{}", json.0);
    let document: Value = serde_json::from_slice(&json.1).unwrap();
    assert_eq!(document["format"], "mindlines-member-data");
    assert_eq!(document["roster"]["display_name"], "Alice Morgan");
    assert!(document["roster"]["supervisors"][0]["display_name"].is_string());
    let entry = &document["entries"][0];
    assert_eq!(entry["answers"][0]["text"], "The second draft.");
    assert_eq!(entry["revisions"][0]["answers"][0]["text"], REFLECTION);
    assert_eq!(entry["supervisor_responses"][0]["text"], "Well put.");
    assert_eq!(document["checkins"][0]["note"], "A calmer week.");
    assert!(document["checkin_consents"][0]["version"].is_string());
    assert!(document["checkin_settings"]["on"].as_bool().unwrap());
    assert_eq!(document["case_discussions"][0]["role"], "lead");
    assert_eq!(
        document["case_discussions"][0]["summary"]["learning"],
        "Ask about falls early."
    );
    assert!(document["prompt_schedule"].is_object());
    assert!(
        !document["messages_from_the_bot"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        document["direct_messages_held"][0]["text"],
        "A message still waiting."
    );
    let actions: Vec<&str> = document["audit_entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["action"].as_str())
        .collect();
    assert!(actions.contains(&"member.added"), "{actions:?}");
    let text = String::from_utf8(markdown.1.clone()).unwrap();
    for expected in [
        "# Everything mindlines holds about Alice Morgan",
        REFLECTION,
        "A calmer week.",
        "Ask about falls early.",
    ] {
        assert!(text.contains(expected), "{expected} in the Markdown");
    }

    let audit = tb.store.audit_entries_about(alice).await.unwrap();
    let exported = audit
        .iter()
        .find(|e| e.action == AuditAction::DataExported)
        .expect("the export is audited");
    assert_eq!(exported.actor, Some(alice));
    assert!(
        exported.detail.starts_with("dm entries=1 revisions=1"),
        "{}",
        exported.detail
    );
    for content in [REFLECTION, "second draft", "calmer", "falls", "waiting"] {
        assert!(
            !exported.detail.contains(content),
            "no content in the audit"
        );
    }

    // Her supervisor's export holds what he wrote on her entry and his digest subscription.
    let sam = DiscordId(tb.user("sam"));
    let now = tb.clock.now();
    let eight = chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap();
    let subscribed = tb
        .store
        .subscribe_digest(sam, chrono::Weekday::Mon, eight, now, now);
    subscribed.await.unwrap();
    let reply = tb.command("sam", "mydata export", &[]).await.unwrap();
    assert!(reply.contains("1 response you wrote"), "{reply}");
    let files = dm_files(&tb, "sam");
    let json = files.iter().find(|(n, _)| n.ends_with(".json")).unwrap();
    let document: Value = serde_json::from_slice(&json.1).unwrap();
    assert_eq!(document["responses_you_wrote"][0]["text"], "Well put.");
    assert_eq!(
        document["roster"]["supervisees"][0]["display_name"],
        "Alice Morgan"
    );
    assert_eq!(document["digest_subscription"]["weekday"], "Mon");
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closed_dms_are_said_and_nothing_is_audited() {
    let tb = testbed().await;
    let alice = DiscordId(tb.user("alice"));
    tb.driver.set_dms_closed(alice.0, true).unwrap();
    let reply = tb.command("alice", "mydata export", &[]).await.unwrap();
    assert!(reply.contains("couldn't send your data"), "{reply}");
    assert!(reply.contains("nothing was sent"), "{reply}");
    assert!(dm_files(&tb, "alice").is_empty());
    let audit = tb.store.audit_entries_about(alice).await.unwrap();
    assert!(!audit.iter().any(|e| e.action == AuditAction::DataExported));
    support::finish(tb).await;
}

/// Every ephemeral reply `handle` got, joined, once `until` is among them.
async fn private_text(tb: &Testbed, handle: &str, until: &str) -> String {
    let user = tb.user(handle);
    let joined = || {
        let replies = tb.driver.ephemeral_replies_to(user);
        replies
            .iter()
            .map(|m| m.text())
            .collect::<Vec<_>>()
            .join("\n")
    };
    support::eventually("the whole /privacy text arrives", || {
        let found = joined().contains(until);
        async move { found }
    })
    .await;
    joined()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn privacy_explains_who_sees_what_with_the_configured_periods() {
    let mut config = Config::default();
    config.retention.checkin_note_days = 30;
    config.retention.leavers_evidence_months = 12;
    let tb = Testbed::start(TestbedOptions::demo_with(config))
        .await
        .unwrap();
    tb.command("alice", "privacy", &[]).await.unwrap();
    let text = private_text(&tb, "alice", "/mydata export").await;
    for expected in [
        "not end-to-end encrypted",
        "not legally privileged",
        "reads only the entries you share",
        "fewer than five",
        "What people write in case threads is never kept",
        "encrypted in mindlines' database",
        "Check-in notes: 30 days",
        "scores: 365 days",
        "12 months after you leave",
        "at most 7 days",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(text.contains("`/mydata erase`"), "{text}");
    support::finish(tb).await;
}
