use super::fixtures::{caseload, member, window};
use super::*;
use crate::domain::member::{DiscordId, Profession};

#[test]
fn gaps_are_the_areas_untouched_in_eight_weeks() {
    let facts = caseload();
    let gaps = facts[0].gaps();
    assert_eq!(gaps.len(), Area::ALL.len() - 3);
    assert!(!gaps.contains(&Area::Leadership));
    // Covered long ago but not in eight weeks is a gap.
    assert!(gaps.contains(&Area::TransformativeReflection));
    assert_eq!(facts[1].gaps().len(), Area::ALL.len());
}

#[test]
fn the_header_matches_its_snapshot() {
    let tz = chrono_tz::Europe::London;
    insta::assert_snapshot!(header_text(&caseload(), window(), tz));
}

#[test]
fn each_section_matches_its_snapshot() {
    let sections: Vec<String> = caseload().iter().map(|f| section_text(f).content).collect();
    insta::assert_snapshot!(sections.join("\n\n---\n\n"));
}

#[test]
fn a_section_offers_one_button_per_listed_entry() {
    let text = section_text(&caseload()[0]);
    assert_eq!(
        text.entries,
        vec![(12, "Read #12".to_owned()), (9, "Read #9".to_owned())]
    );
}

#[test]
fn nothing_in_a_digest_ranks_or_says_missed() {
    let mut all = header_text(&caseload(), window(), chrono_tz::Europe::London);
    for f in caseload() {
        all.push_str(&section_text(&f).content);
    }
    let lower = all.to_lowercase();
    for word in [
        "missed", "rank", "top ", "best", "worst", "behind", "overdue", "failed",
    ] {
        assert!(!lower.contains(word), "{word:?} in:\n{all}");
    }
}

#[test]
fn scores_appear_only_for_a_trainee_who_shares_them() {
    let facts = caseload();
    assert!(section_text(&facts[0]).content.contains("3, 4"));
    assert!(!section_text(&facts[1]).content.contains("Check-ins"));
    assert!(
        section_text(&facts[2])
            .content
            .contains("none answered this week")
    );
}

#[test]
fn a_long_week_lists_twenty_entries_and_counts_the_rest() {
    let mut facts = SuperviseeFacts::empty(member(7, "Di", Profession::Doctor));
    facts.shared = (1..=23)
        .map(|id| SharedEntry {
            id,
            title: format!("t{id}"),
            areas: vec![],
            excerpt: "x".into(),
            shared_at: window().0,
            to_discuss: false,
        })
        .collect();
    let text = section_text(&facts);
    assert_eq!(text.entries.len(), MAX_ENTRIES_SHOWN);
    assert!(text.content.contains("…and 3 more"), "{}", text.content);
    assert!(text.content.chars().count() < 2_000);
}

#[test]
fn the_grid_has_a_row_per_supervisee_in_handbook_order() {
    let grid = CoverageGrid::of(&caseload());
    assert_eq!(grid.rows.len(), 3);
    assert_eq!(grid.rows[0].0, "Ada Okafor");
    assert_eq!(grid.rows[0].1[0], 3, "person-centred practice comes first");
    assert_eq!(grid.rows[1].1, [0; 10]);
}

fn activity(writers: u64, per_writer_areas: &[Area]) -> TeamActivity {
    TeamActivity {
        team_size: 8,
        entries: (1..=writers)
            .map(|m| (DiscordId(m), per_writer_areas.to_vec()))
            .collect(),
        checkin_scores: (1..=writers).map(|m| (DiscordId(m), 4)).collect(),
    }
}

#[test]
fn team_figures_hide_below_five_people() {
    let four = summarise_team(&activity(4, &[Area::Leadership]));
    assert_eq!(four.members_active, None);
    assert!(four.per_area.iter().all(|(_, n)| n.is_none()));
    assert!(four.checkins.is_none());
    let text = four.text("Riverside", 4);
    assert!(!text.contains(": 4"), "{text}");
    let five = summarise_team(&activity(5, &[Area::Leadership]));
    assert_eq!(five.members_active, Some(5));
    let leadership = five.per_area.iter().find(|(a, _)| *a == Area::Leadership);
    assert_eq!(leadership, Some(&(Area::Leadership, Some(5))));
    let digital = five.per_area.iter().find(|(a, _)| *a == Area::Digital);
    assert_eq!(digital, Some(&(Area::Digital, None)), "nobody wrote there");
    assert_eq!(five.checkins.map(|c| c.members_answering), Some(5));
}

#[test]
fn one_prolific_member_does_not_open_an_area() {
    let mut many = activity(4, &[Area::Leadership]);
    many.entries
        .extend((0..20).map(|_| (DiscordId(1), vec![Area::Leadership])));
    let summary = summarise_team(&many);
    let leadership = summary
        .per_area
        .iter()
        .find(|(a, _)| *a == Area::Leadership);
    assert_eq!(leadership, Some(&(Area::Leadership, None)));
}
