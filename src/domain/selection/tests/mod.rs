//! Selection tests, built on test prompts (the real library is content, tested elsewhere).

mod areas;
mod filters;
mod repeats;

use chrono::TimeZone;
use proptest::prelude::*;

use super::*;
use crate::domain::prompt::ReflectionModel;

pub(super) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).unwrap()
}

pub(super) fn weeks_ago(weeks: i64) -> DateTime<Utc> {
    now() - Duration::weeks(weeks)
}

pub(super) fn prompt(id: &str, area: Area, professions: &[Profession]) -> Prompt {
    Prompt {
        id: id.parse().unwrap(),
        area,
        outcomes: BTreeSet::new(),
        model: ReflectionModel::Rolfe,
        text: format!("A test prompt about {area}, long enough to pass."),
        stems: vec!["What?".into(), "So what?".into(), "Now what?".into()],
        professions: professions.iter().copied().collect(),
        reminders: BTreeSet::new(),
    }
}

/// Three prompts for every area, for every profession: `<area-id>-1` … `-3`.
pub(super) fn library() -> Vec<Prompt> {
    Area::ALL
        .into_iter()
        .flat_map(|area| (1..=3).map(move |n| prompt(&format!("{}-{n}", area.id()), area, &[])))
        .collect()
}

pub(super) fn id(text: &str) -> PromptId {
    text.parse().unwrap()
}

/// A member's state, owned, so tests can edit it and borrow a `SelectionInput` from it.
#[derive(Debug, Default)]
pub(super) struct Member {
    pub(super) evidence: BTreeMap<Area, u32>,
    pub(super) history: BTreeMap<PromptId, DateTime<Utc>>,
    pub(super) not_relevant: BTreeSet<PromptId>,
    pub(super) requested_area: Option<Area>,
    pub(super) now: Option<DateTime<Utc>>,
}

impl Member {
    /// Every area has `n` evidence entries.
    pub(super) fn covered(n: u32) -> Self {
        Member {
            evidence: Area::ALL.into_iter().map(|area| (area, n)).collect(),
            ..Member::default()
        }
    }

    pub(super) fn choose<'a>(
        &self,
        prompts: &'a [Prompt],
        profession: Profession,
        seed: u64,
    ) -> Option<&'a Prompt> {
        let input = SelectionInput {
            prompts,
            profession,
            evidence: &self.evidence,
            history: &self.history,
            not_relevant: &self.not_relevant,
            requested_area: self.requested_area,
            now: self.now.unwrap_or_else(now),
        };
        choose_prompt(input, seed)
    }

    pub(super) fn chosen_id(&self, prompts: &[Prompt], seed: u64) -> String {
        self.choose(prompts, Profession::Doctor, seed)
            .map(|p| p.id.to_string())
            .unwrap_or_default()
    }
}

fn any_member() -> impl Strategy<Value = Member> {
    let prompt_ids: Vec<String> = library().into_iter().map(|p| p.id.to_string()).collect();
    let ids = prop::sample::subsequence(prompt_ids.clone(), 0..prompt_ids.len());
    (
        prop::collection::btree_map(prop::sample::select(Area::ALL.to_vec()), 0u32..4, 0..10),
        prop::collection::vec((prop::sample::select(prompt_ids), 0i64..30), 0..30),
        ids,
        proptest::option::of(prop::sample::select(Area::ALL.to_vec())),
    )
        .prop_map(|(evidence, sent, flagged, requested_area)| Member {
            evidence,
            history: sent
                .into_iter()
                .map(|(p, weeks)| (id(&p), weeks_ago(weeks)))
                .collect(),
            not_relevant: flagged.iter().map(|p| id(p)).collect(),
            requested_area,
            now: None,
        })
}

proptest! {
    #[test]
    fn choices_obey_the_rules_for_any_member(member in any_member(), seed in any::<u64>()) {
        let mut prompts = library();
        prompts.push(prompt("nurses-only", Area::Digital, &[Profession::Nurse]));
        let chosen = member.choose(&prompts, Profession::Doctor, seed).unwrap();
        prop_assert!(chosen.suits(Profession::Doctor));
        prop_assert!(member.requested_area.is_none_or(|area| chosen.area == area));
        let input = SelectionInput {
            prompts: &prompts, profession: Profession::Doctor, evidence: &member.evidence,
            history: &member.history, not_relevant: &member.not_relevant,
            requested_area: member.requested_area, now: now(),
        };
        let best = prompts.iter()
            .filter(|p| p.suits(Profession::Doctor) && member.requested_area.is_none_or(|a| p.area == a))
            .map(|p| standing_of(&input, p)).min().unwrap();
        prop_assert_eq!(standing_of(&input, chosen), best, "never a worse standing than available");
        prop_assert_eq!(choose_prompt(input, seed).map(|p| &p.id), Some(&chosen.id));
    }
}
