use std::collections::BTreeSet;

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::domain::evidence::{Answer, EvidenceSource, Tag};
use crate::domain::member::DiscordId;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 2, 9, 0, 0).unwrap()
}

fn entry(id: i64, written: DateTime<Utc>, tags: &[Tag]) -> EvidenceEntry {
    EvidenceEntry {
        id,
        member: DiscordId(100_000_000_000_000_001),
        source: EvidenceSource::Form,
        prompt_id: None,
        prompt_text: None,
        answers: vec![Answer {
            stem: "What?".into(),
            text: "Something I learned.".into(),
        }],
        tags: tags.iter().copied().collect::<BTreeSet<_>>(),
        shared_with_supervisor: false,
        to_discuss: false,
        follows_up: None,
        created_at: written,
        updated_at: written,
    }
}

fn outcome(n: u8) -> Tag {
    Tag::Outcome(Outcome::from_number(n).unwrap())
}

#[test]
fn every_area_and_outcome_is_listed_even_at_zero() {
    let coverage = member_coverage(&[], now());
    assert_eq!(coverage.areas.len(), 10);
    assert_eq!(coverage.outcomes.len(), 7);
    assert!(coverage.areas.iter().all(|c| c.count == 0));
    assert_eq!(coverage.untouched_areas(), Area::ALL.to_vec());
    assert_eq!(coverage.untouched_outcomes().len(), 7);
}

#[test]
fn an_entry_counts_once_for_each_tag() {
    let entries = [
        entry(
            1,
            now() - Duration::days(3),
            &[
                Tag::Area(Area::Digital),
                Tag::Area(Area::Leadership),
                outcome(4),
            ],
        ),
        entry(2, now() - Duration::days(1), &[Tag::Area(Area::Digital)]),
    ];
    let coverage = member_coverage(&entries, now());
    assert_eq!(coverage.total_entries, 2);
    assert_eq!(coverage.area(Area::Digital).count, 2);
    assert_eq!(coverage.area(Area::Leadership).count, 1);
    assert_eq!(coverage.outcome_count(Outcome::from_number(4).unwrap()), 1);
    assert_eq!(coverage.outcome_count(Outcome::from_number(1).unwrap()), 0);
    assert_eq!(coverage.untouched_areas().len(), 8);
    assert!(!coverage.untouched_areas().contains(&Area::Digital));
}

#[test]
fn the_last_entry_is_the_newest_written_not_the_newest_edited() {
    let mut old = entry(
        1,
        now() - Duration::weeks(20),
        &[Tag::Area(Area::Wellbeing)],
    );
    old.updated_at = now() - Duration::days(1);
    let newer = entry(
        2,
        now() - Duration::weeks(10),
        &[Tag::Area(Area::Wellbeing)],
    );
    let coverage = member_coverage(&[old, newer], now());
    assert_eq!(
        coverage.area(Area::Wellbeing).last_entry,
        Some(now() - Duration::weeks(10))
    );
}

#[test]
fn gaps_start_at_exactly_eight_weeks_and_include_untouched_areas() {
    let entries = [
        entry(1, now() - Duration::weeks(8), &[Tag::Area(Area::Digital)]),
        entry(
            2,
            now() - Duration::weeks(8) + Duration::seconds(1),
            &[Tag::Area(Area::Leadership)],
        ),
    ];
    let coverage = member_coverage(&entries, now());
    let gaps = coverage.gaps(GAP_WEEKS);
    assert!(gaps.contains(&Area::Digital), "exactly 8 weeks is a gap");
    assert!(
        !gaps.contains(&Area::Leadership),
        "just under 8 weeks is not"
    );
    assert!(
        gaps.contains(&Area::PopulationHealth),
        "never touched is a gap"
    );
    assert_eq!(gaps.len(), 9);
    let lapsed: Vec<Area> = coverage.lapsed(GAP_WEEKS).iter().map(|c| c.area).collect();
    assert_eq!(lapsed, vec![Area::Digital]);
}

#[test]
fn domains_and_themes_can_be_read_separately() {
    let coverage = member_coverage(&[], now());
    assert_eq!(coverage.areas_of(AreaKind::Domain).count(), 6);
    assert_eq!(coverage.areas_of(AreaKind::Theme).count(), 4);
}

#[test]
fn the_message_is_calm_and_names_what_is_not_yet_touched() {
    let entries = [
        entry(1, now() - Duration::weeks(12), &[Tag::Area(Area::Digital)]),
        entry(
            2,
            now() - Duration::days(2),
            &[Tag::Area(Area::Wellbeing), outcome(1)],
        ),
    ];
    let text = member_coverage(&entries, now()).to_message();
    assert!(text.contains("2 reflections"), "{text}");
    assert!(text.contains("• Wellbeing: 1 (last 31 May 2025)"), "{text}");
    assert!(text.contains("• System working: 0\n"), "{text}");
    assert!(
        text.contains("Not yet touched: Person-centred practice,"),
        "{text}"
    );
    assert!(text.contains(", outcomes 2, 3, 4, 5, 6 and 7."), "{text}");
    assert!(
        text.contains("Quiet for 8 weeks or more: Digital."),
        "{text}"
    );
    for harsh in ["missing", "missed", "overdue", "behind", "fail"] {
        assert!(!text.to_lowercase().contains(harsh), "{harsh} in {text}");
    }
}

#[test]
fn the_message_fits_in_one_discord_message_at_its_longest() {
    // Every area touched and lapsed, every outcome touched: the most the message can say.
    let mut tags: Vec<Tag> = Area::ALL.iter().map(|&a| Tag::Area(a)).collect();
    tags.extend(Outcome::all().map(Tag::Outcome));
    let entries: Vec<_> = (0..1_000)
        .map(|id| entry(id, now() - Duration::weeks(30), &tags))
        .collect();
    let text = member_coverage(&entries, now()).to_message();
    assert!(text.chars().count() <= 2_000, "{} chars", text.len());
    assert!(text.contains("Quiet for 8 weeks or more: Person-centred practice"));
}

#[test]
fn an_empty_record_gets_a_welcome_not_a_list_of_zeros() {
    let text = member_coverage(&[], now()).to_message();
    assert!(text.contains("Nothing saved yet"));
    assert!(!text.contains(": 0"));
}

#[test]
fn the_message_matches_its_snapshot() {
    let entries = [
        entry(
            1,
            now() - Duration::weeks(12),
            &[Tag::Area(Area::Digital), outcome(4)],
        ),
        entry(
            2,
            now() - Duration::days(2),
            &[
                Tag::Area(Area::Wellbeing),
                Tag::Area(Area::PersonCentredPractice),
                outcome(1),
            ],
        ),
        entry(
            3,
            now() - Duration::days(9),
            &[Tag::Area(Area::PersonCentredPractice)],
        ),
    ];
    insta::assert_snapshot!(member_coverage(&entries, now()).to_message());
}
