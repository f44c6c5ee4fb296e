//! No repeat within 12 weeks while others remain; repeats only when exhausted, oldest first.

use super::*;

#[test]
fn does_not_repeat_within_twelve_weeks_while_others_remain_in_the_area() {
    let prompts = library();
    let mut member = Member::covered(5);
    member.evidence.insert(Area::Wellbeing, 0);
    member.history.insert(id("wellbeing-1"), weeks_ago(1));
    member.history.insert(id("wellbeing-2"), weeks_ago(11));
    for seed in 0..20 {
        assert_eq!(member.chosen_id(&prompts, seed), "wellbeing-3");
    }
}

#[test]
fn an_area_with_only_recent_prompts_falls_through_to_the_next_least_covered() {
    let prompts = library();
    let mut member = Member::covered(5);
    member.evidence.insert(Area::Wellbeing, 0);
    member.evidence.insert(Area::Leadership, 1);
    for n in 1..=3 {
        member
            .history
            .insert(id(&format!("wellbeing-{n}")), weeks_ago(n));
    }
    assert_eq!(
        member.choose(&prompts, Profession::Doctor, 3).unwrap().area,
        Area::Leadership
    );
}

#[test]
fn twelve_weeks_on_a_prompt_is_fresh_again_but_never_sent_comes_first() {
    let prompts = vec![
        prompt("old", Area::Digital, &[]),
        prompt("new", Area::Digital, &[]),
        prompt("elsewhere", Area::Leadership, &[]),
    ];
    let mut member = Member::covered(5);
    member.evidence.insert(Area::Digital, 0);
    member.history.insert(id("old"), weeks_ago(12));
    assert_eq!(member.chosen_id(&prompts, 1), "new");
    member.history.insert(id("new"), weeks_ago(1));
    assert_eq!(
        member.chosen_id(&prompts, 1),
        "old",
        "exactly 12 weeks on, it is fresh again"
    );
    member
        .history
        .insert(id("old"), weeks_ago(12) + Duration::minutes(1));
    assert_eq!(
        member.chosen_id(&prompts, 1),
        "elsewhere",
        "a minute short of 12 weeks is recent"
    );
}

#[test]
fn repeats_only_when_every_prompt_is_recent_and_then_the_oldest() {
    let prompts: Vec<Prompt> = library()
        .into_iter()
        .filter(|p| p.area == Area::Digital)
        .collect();
    let mut member = Member::default();
    let mut sent = Vec::new();
    for week in 0..3 {
        let chosen = member
            .choose(&prompts, Profession::Doctor, 9)
            .unwrap()
            .id
            .clone();
        member.history.insert(chosen.clone(), weeks_ago(10 - week));
        sent.push(chosen);
    }
    assert_eq!(
        sent.iter().collect::<BTreeSet<_>>().len(),
        3,
        "no repeat while others remain"
    );
    assert_eq!(
        member.choose(&prompts, Profession::Doctor, 9).unwrap().id,
        sent[0],
        "the oldest repeats first"
    );
}

#[test]
fn a_year_of_weekly_prompts_never_repeats_one_within_twelve_weeks() {
    // 30 prompts: the first 30 weeks are all different, and later repeats are 12+ weeks apart.
    let prompts = library();
    let mut member = Member::default();
    let mut last_sent: BTreeMap<PromptId, i64> = BTreeMap::new();
    for week in 0..52 {
        member.now = Some(now() + Duration::weeks(week));
        let chosen = member
            .choose(&prompts, Profession::Nurse, week as u64)
            .unwrap();
        if let Some(previous) = last_sent.insert(chosen.id.clone(), week) {
            assert!(
                week >= 30 && week - previous >= NO_REPEAT_WEEKS,
                "week {week}: {} again",
                chosen.id
            );
        }
        member
            .history
            .insert(chosen.id.clone(), member.now.unwrap());
        *member.evidence.entry(chosen.area).or_default() += 1;
    }
    assert_eq!(last_sent.len(), 30);
}
