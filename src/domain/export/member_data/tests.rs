use chrono::TimeZone;
use serde_json::Value;

use super::fixtures::member_data;
use super::*;
use crate::domain::export::fixtures::at;

fn json() -> Value {
    serde_json::from_str(&member_data_json(&member_data(), at(31, 12))).unwrap()
}

fn markdown() -> String {
    let local = chrono_tz::Europe::London
        .with_ymd_and_hms(2025, 3, 31, 13, 30, 0)
        .unwrap();
    member_data_markdown(&member_data(), local)
}

#[test]
fn the_json_has_a_list_or_value_for_every_kind_of_record() {
    let document = json();
    assert_eq!(document["format"], "mindlines-member-data");
    assert_eq!(document["version"], 1);
    assert_eq!(document["roster"]["display_name"], "Sam Patel");
    assert_eq!(document["roster"]["team"], "Riverside PCN");
    assert_eq!(
        document["roster"]["supervisors"][0]["display_name"],
        "Dr Priya Raman"
    );
    assert_eq!(document["roster"]["status"], "active");
    assert_eq!(document["entries"].as_array().unwrap().len(), 4);
    for list in [
        "responses_you_wrote",
        "prompts_marked_not_relevant",
        "checkin_consents",
        "checkins",
        "case_discussions",
        "messages_from_the_bot",
        "direct_messages_held",
        "audit_entries",
    ] {
        assert!(!document[list].as_array().unwrap().is_empty(), "{list}");
    }
    for value in ["prompt_schedule", "checkin_settings", "digest_subscription"] {
        assert!(document[value].is_object(), "{value}");
    }
    assert_eq!(document["followup_weeks"], 6);
    assert_eq!(document["checkins"][0]["note"], "checkin-note-tired");
    assert_eq!(document["checkin_consents"][0]["version"], "v1");
}

#[test]
fn entries_keep_their_revisions_and_supervisors_responses() {
    let document = json();
    let entry = document["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == 11)
        .unwrap()
        .clone();
    assert_eq!(
        entry["revisions"][0]["answers"][0]["text"],
        "revision-text-first-draft"
    );
    let responses = document["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["supervisor_responses"].as_array().unwrap().len())
        .sum::<usize>();
    assert!(responses > 0);
}

#[test]
fn only_the_summary_of_a_case_the_member_led_is_included() {
    let document = json();
    let cases = document["case_discussions"].as_array().unwrap();
    assert_eq!(cases[0]["role"], "lead");
    assert_eq!(cases[0]["summary"]["learning"], "summary-learning-1");
    assert_eq!(cases[1]["role"], "contributor");
    assert_eq!(cases[1]["summary"], Value::Null);
    assert!(!markdown().contains("summary-learning-2"));
}

#[test]
fn the_markdown_shows_every_kind_of_record() {
    let text = markdown();
    for expected in [
        "# Everything mindlines holds about Sam Patel",
        "## Roster",
        "Dr Priya Raman",
        "## Evidence entries (4)",
        "revision-text-first-draft",
        "response-written-by-sam",
        "## Prompt schedule and settings",
        "pop-local-data",
        "Plan follow-ups: 6 weeks",
        "Weekly digest: Mon at 08:00",
        "Consent to version v1",
        "checkin-note-tired",
        "summary-learning-1",
        "## Messages from mindlines (1)",
        "held-dm-text",
        "member.added",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn counts_name_each_kind() {
    let counts = member_data().counts();
    let get = |name| counts.iter().find(|(n, _)| *n == name).unwrap().1;
    assert_eq!(get("entries"), 4);
    assert_eq!(get("revisions"), 1);
    assert_eq!(get("cases"), 2);
    assert_eq!(get("audit_entries"), 1);
}

#[test]
fn file_names_carry_the_local_date() {
    let day = chrono_tz::Europe::London
        .with_ymd_and_hms(2025, 6, 2, 23, 30, 0)
        .unwrap();
    assert_eq!(
        file_names(&day),
        [
            "mindlines-my-data-2025-06-02.json".to_owned(),
            "mindlines-my-data-2025-06-02.md".to_owned()
        ]
    );
}

#[test]
fn the_summary_and_the_audit_detail_are_counts_only() {
    let data = member_data();
    let summary = data.summary();
    assert!(
        summary.starts_with("4 evidence entries, 1 earlier version,"),
        "{summary}"
    );
    assert!(summary.contains("2 case discussions"), "{summary}");
    assert!(summary.contains("1 audit entry"), "{summary}");
    let detail = data.audit_detail();
    assert!(detail.starts_with("entries=4 revisions=1 "), "{detail}");
    assert!(
        !detail.contains("held-dm-text") && !detail.contains("Sam"),
        "{detail}"
    );
}
