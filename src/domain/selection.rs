//! Choosing the next prompt for a member: pure and deterministic for a given seed.
//!
//! The rules, in the order they apply:
//!
//! 1. **Suitable prompts only**: the prompt suits the member's profession, and is in the
//!    requested area when the member asked for one (`/reflect domain:X`).
//! 2. **Standing first**: a *fresh* prompt (never sent to this member, or last sent at least
//!    [`NO_REPEAT_WEEKS`] weeks ago) beats a *recent* one, which beats one the member marked
//!    "not relevant to me". So a prompt never repeats within 12 weeks while any fresh prompt
//!    remains anywhere, and "not relevant" prompts are used only when nothing else remains.
//! 3. **Least-covered area next**: within a standing, areas (the six domains and four themes
//!    alike) are tried from the fewest evidence entries up; ties go to the area prompted least
//!    recently (never prompted counts as longest ago), then to a seeded shuffle. An area with
//!    no prompt of the standing falls through to the next area.
//! 4. **Within the area**: the prompt sent longest ago (never sent first), then the seeded
//!    shuffle.
//!
//! The seeded shuffle hashes the seed with each area's or prompt's stable id, so the choice
//! does not depend on the order the library was loaded in.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};

use super::curriculum::Area;
use super::member::Profession;
use super::prompt::{Prompt, PromptId};

/// A prompt is not sent to the same member again within this many weeks while others remain.
pub const NO_REPEAT_WEEKS: i64 = 12;

/// Everything the choice depends on, apart from the seed. The library (`'lib`) and the
/// member's records (`'m`) are borrowed separately, so the chosen prompt can outlive the latter.
#[derive(Debug, Clone, Copy)]
pub struct SelectionInput<'lib, 'm> {
    /// The prompt library.
    pub prompts: &'lib [Prompt],
    pub profession: Profession,
    /// The member's evidence entries per area; a missing area has none.
    pub evidence: &'m BTreeMap<Area, u32>,
    /// When each prompt was last sent to this member.
    pub history: &'m BTreeMap<PromptId, DateTime<Utc>>,
    /// Prompts the member marked "not relevant to me".
    pub not_relevant: &'m BTreeSet<PromptId>,
    /// Only this area, when the member asked for one.
    pub requested_area: Option<Area>,
    pub now: DateTime<Utc>,
}

/// How welcome a prompt is for this member now; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Standing {
    Fresh,
    Recent,
    NotRelevant,
}

const STANDINGS: [Standing; 3] = [Standing::Fresh, Standing::Recent, Standing::NotRelevant];

/// Chooses the prompt to send, or `None` when no prompt suits the member (or the requested
/// area has none). The same input and seed always give the same prompt.
pub fn choose_prompt<'lib>(input: SelectionInput<'lib, '_>, seed: u64) -> Option<&'lib Prompt> {
    let suitable: Vec<&'lib Prompt> = input
        .prompts
        .iter()
        .filter(|prompt| prompt.suits(input.profession))
        .filter(|prompt| input.requested_area.is_none_or(|area| prompt.area == area))
        .collect();
    let areas = rank_areas(&input, &suitable, seed);
    STANDINGS.into_iter().find_map(|standing| {
        areas
            .iter()
            .find_map(|&area| best_in_area(&input, &suitable, area, standing, seed))
    })
}

/// The areas that have a suitable prompt, best first: fewest evidence entries, then least
/// recently prompted, then seeded.
fn rank_areas(input: &SelectionInput<'_, '_>, suitable: &[&Prompt], seed: u64) -> Vec<Area> {
    let mut areas: Vec<Area> = suitable.iter().map(|prompt| prompt.area).collect();
    areas.sort();
    areas.dedup();
    let last_prompted = last_prompted_per_area(input);
    areas.sort_by_key(|area| {
        let evidence = input.evidence.get(area).copied().unwrap_or(0);
        (
            evidence,
            last_prompted.get(area).copied(),
            mix(seed, area.id()),
        )
    });
    areas
}

/// When the member was last sent any prompt of each area, as far as the library knows.
fn last_prompted_per_area(input: &SelectionInput<'_, '_>) -> BTreeMap<Area, DateTime<Utc>> {
    let mut last = BTreeMap::new();
    for prompt in input.prompts {
        if let Some(&sent) = input.history.get(&prompt.id) {
            let entry = last.entry(prompt.area).or_insert(sent);
            *entry = (*entry).max(sent);
        }
    }
    last
}

/// The best prompt of `area` with exactly this standing: sent longest ago (never first), then
/// seeded.
fn best_in_area<'a>(
    input: &SelectionInput<'_, '_>,
    suitable: &[&'a Prompt],
    area: Area,
    standing: Standing,
    seed: u64,
) -> Option<&'a Prompt> {
    suitable
        .iter()
        .copied()
        .filter(|prompt| prompt.area == area && standing_of(input, prompt) == standing)
        .min_by_key(|prompt| {
            (
                input.history.get(&prompt.id).copied(),
                mix(seed, prompt.id.as_str()),
            )
        })
}

fn standing_of(input: &SelectionInput<'_, '_>, prompt: &Prompt) -> Standing {
    if input.not_relevant.contains(&prompt.id) {
        return Standing::NotRelevant;
    }
    let window = Duration::weeks(NO_REPEAT_WEEKS);
    match input.history.get(&prompt.id) {
        Some(&sent) if input.now - sent < window => Standing::Recent,
        _ => Standing::Fresh,
    }
}

/// A stable 64-bit mix of the seed and an id: FNV-1a over the id, finished with SplitMix64.
/// Hand-written rather than `StdRng` so the order never changes with a `rand` upgrade.
fn mix(seed: u64, id: &str) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64 ^ seed;
    for byte in id.bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash = (hash ^ (hash >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash = (hash ^ (hash >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^ (hash >> 31)
}

#[cfg(test)]
mod tests;
