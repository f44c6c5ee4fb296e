//! Which area comes next: least covered, then least recently prompted, then seeded.

use super::*;

#[test]
fn favours_the_least_covered_area_whatever_the_seed() {
    let prompts = library();
    let mut member = Member::covered(3);
    member.evidence.insert(Area::Digital, 0);
    member.evidence.insert(Area::SystemWorking, 1);
    for seed in 0..50 {
        assert_eq!(
            member
                .choose(&prompts, Profession::Nurse, seed)
                .unwrap()
                .area,
            Area::Digital
        );
    }
    member.evidence.remove(&Area::Digital);
    assert_eq!(
        member.choose(&prompts, Profession::Nurse, 7).unwrap().area,
        Area::Digital,
        "missing counts as none"
    );
}

#[test]
fn equal_coverage_goes_to_the_area_prompted_least_recently() {
    let prompts = library();
    let mut member = Member::covered(2);
    for (weeks, area) in Area::ALL.into_iter().enumerate() {
        member
            .history
            .insert(id(&format!("{}-1", area.id())), weeks_ago(weeks as i64 + 1));
    }
    // The last area in the list was prompted longest ago.
    assert_eq!(
        member.choose(&prompts, Profession::Doctor, 1).unwrap().area,
        Area::TransformativeReflection
    );
    member.history.remove(&id("leadership-1"));
    assert_eq!(
        member.choose(&prompts, Profession::Doctor, 1).unwrap().area,
        Area::Leadership,
        "never prompted first"
    );
}

#[test]
fn a_member_who_never_answers_rotates_through_all_ten_areas() {
    let prompts = library();
    let mut member = Member::default();
    let mut seen = BTreeSet::new();
    for week in 0..10 {
        let chosen = member.choose(&prompts, Profession::Pharmacist, 42).unwrap();
        seen.insert(chosen.area);
        member
            .history
            .insert(chosen.id.clone(), now() - Duration::weeks(10 - week));
    }
    assert_eq!(seen.len(), 10);
}

#[test]
fn remaining_ties_are_broken_by_the_seed() {
    let prompts = library();
    let member = Member::default();
    let areas: BTreeSet<Area> = (0..100)
        .map(|seed| {
            member
                .choose(&prompts, Profession::Doctor, seed)
                .unwrap()
                .area
        })
        .collect();
    assert!(
        areas.len() > 3,
        "the seed spreads first prompts across areas: {areas:?}"
    );
}

#[test]
fn the_same_seed_gives_the_same_choice_whatever_the_library_order() {
    let prompts = library();
    let mut reversed = library();
    reversed.reverse();
    let member = Member::covered(1);
    for seed in 0..30 {
        assert_eq!(
            member.chosen_id(&prompts, seed),
            member.chosen_id(&prompts, seed)
        );
        assert_eq!(
            member.chosen_id(&prompts, seed),
            member.chosen_id(&reversed, seed)
        );
    }
}
