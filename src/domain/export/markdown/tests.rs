use chrono::{TimeZone, Utc};

use super::*;
use crate::domain::export::fixtures;

fn exported() -> String {
    export_markdown(
        "Sam Patel",
        &fixtures::entries(),
        &fixtures::comments(),
        fixtures::at(31, 12),
    )
}

#[test]
fn the_markdown_matches_its_snapshot() {
    insta::assert_snapshot!(exported());
}

#[test]
fn every_entry_appears_exactly_once() {
    let text = exported();
    for entry in fixtures::entries() {
        let marker = format!("· entry {}\n", entry.id);
        assert_eq!(text.matches(&marker).count(), 1, "entry {}", entry.id);
    }
}

#[test]
fn an_entry_with_several_areas_is_filed_under_its_first() {
    let text = exported();
    let section = text.find("## Domain: Person-centred practice").unwrap();
    let entry = text.find("· entry 11\n").unwrap();
    assert!(section < entry);
    assert!(
        !text.contains("## Theme: Leadership"),
        "no section of its own"
    );
    assert!(text.contains("- **Areas:** Person-centred practice; also Leadership\n"));
    assert!(text.contains("- **Outcomes:** outcome-1, outcome-7\n"));
}

#[test]
fn sections_follow_the_handbook_with_untagged_last() {
    let text = exported();
    let order: Vec<usize> = [
        "## Domain: Person-centred practice",
        "## Domain: System working",
        "## Theme: Wellbeing",
        "## Not yet tagged",
        "## The enhance programme outcomes",
    ]
    .iter()
    .map(|heading| text.find(heading).unwrap())
    .collect();
    assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "{order:?}");
}

#[test]
fn it_opens_with_the_reflective_practice_guidance() {
    let text = exported();
    let guidance = text.find("## Before you copy anything out").unwrap();
    assert!(guidance < text.find("## Domain:").unwrap());
    for point in [
        "not the case",
        "Taking out a name is not enough",
        "Reflecting is not reporting",
        "not legally privileged",
        "Horus or Turas",
        "FourteenFish",
        "Kaizen",
        "NMC revalidation",
    ] {
        assert!(text.contains(point), "{point}");
    }
}

#[test]
fn entries_show_prompt_answers_and_visibility() {
    let text = exported();
    assert!(text.contains("> Think of a recent plan you made with someone.\n> Was it"));
    assert!(text.contains("#### So what?\n\nListening is not the same"));
    assert!(text.contains("- **Visibility:** shared with your supervisor\n"));
    assert!(text.contains("- **Last edited:** 12 March 2025\n"));
    assert!(!text.contains("#### Explain"), "blank answers are left out");
}

#[test]
fn dates_are_shown_in_the_trainees_time_zone() {
    let mut late = fixtures::entries().remove(0);
    late.created_at = Utc.with_ymd_and_hms(2025, 6, 1, 23, 30, 0).unwrap();
    late.updated_at = late.created_at;
    let london = chrono_tz::Europe::London
        .with_ymd_and_hms(2025, 6, 3, 9, 0, 0)
        .unwrap();
    let text = export_markdown("Sam", &[late], &Default::default(), london);
    assert!(text.contains("### 2 June 2025 · entry 13"), "{text}");
    assert!(text.contains("3 June 2025 at 09:00 BST"));
}

#[test]
fn no_entries_still_gives_a_useful_file() {
    let text = export_markdown("Sam", &[], &Default::default(), fixtures::at(31, 12));
    assert!(text.contains("0 entries"));
    assert!(text.contains("No entries yet."));
    assert!(text.contains("## Before you copy anything out"));
}
