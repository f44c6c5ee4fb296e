//! Professions, "not relevant to me", requested areas and the empty library.

use super::*;

#[test]
fn respects_profession_tags() {
    let prompts = vec![
        prompt("nurses-only", Area::Digital, &[Profession::Nurse]),
        prompt(
            "pharmacy",
            Area::Digital,
            &[Profession::Pharmacist, Profession::PharmacyTechnician],
        ),
        prompt("for-everyone", Area::Leadership, &[]),
    ];
    let mut member = Member::covered(1);
    member.evidence.insert(Area::Digital, 0);
    assert_eq!(
        member
            .choose(&prompts, Profession::Nurse, 1)
            .unwrap()
            .id
            .as_str(),
        "nurses-only"
    );
    assert_eq!(
        member
            .choose(&prompts, Profession::PharmacyTechnician, 1)
            .unwrap()
            .id
            .as_str(),
        "pharmacy"
    );
    assert_eq!(
        member
            .choose(&prompts, Profession::Doctor, 1)
            .unwrap()
            .id
            .as_str(),
        "for-everyone"
    );
    let tagged = &prompts[..2];
    assert!(
        member.choose(tagged, Profession::Paramedic, 1).is_none(),
        "never another profession's prompt"
    );
}

#[test]
fn not_relevant_prompts_go_last() {
    let prompts = vec![
        prompt("flagged", Area::Digital, &[]),
        prompt("used", Area::Leadership, &[]),
    ];
    let mut member = Member::covered(1);
    member.evidence.insert(Area::Digital, 0);
    member.not_relevant.insert(id("flagged"));
    assert_eq!(
        member.chosen_id(&prompts, 1),
        "used",
        "another area beats a flagged prompt"
    );
    member.history.insert(id("used"), weeks_ago(1));
    assert_eq!(
        member.chosen_id(&prompts, 1),
        "used",
        "even a recent repeat beats a flagged prompt"
    );
    assert_eq!(
        member.chosen_id(&prompts[..1], 1),
        "flagged",
        "used only when nothing else remains"
    );
}

#[test]
fn a_requested_area_is_honoured_even_when_another_is_less_covered() {
    let prompts = library();
    let mut member = Member::covered(4);
    member.evidence.insert(Area::Digital, 0);
    member.requested_area = Some(Area::PopulationHealth);
    for seed in 0..20 {
        assert_eq!(
            member
                .choose(&prompts, Profession::Doctor, seed)
                .unwrap()
                .area,
            Area::PopulationHealth
        );
    }
    let without: Vec<Prompt> = library()
        .into_iter()
        .filter(|p| p.area != Area::PopulationHealth)
        .collect();
    assert!(member.choose(&without, Profession::Doctor, 1).is_none());
}

#[test]
fn an_empty_library_gives_nothing() {
    assert!(
        Member::default()
            .choose(&[], Profession::Doctor, 0)
            .is_none()
    );
}
