//! Library-wide minimums: enough prompts for every area, every programme outcome and every
//! profession, so rotation never runs dry and coverage shown to supervisors means something.
//! No one line is wrong, so these are reported against the domain's file, or the folder.

use crate::domain::curriculum::{Area, AreaKind, Outcome};
use crate::domain::library::{LocatedPrompt, Problem};
use crate::domain::member::Profession;

/// The minimum number of prompts each domain needs.
pub const MIN_PROMPTS_PER_DOMAIN: usize = 10;
/// The minimum number of prompts each cross-cutting theme needs.
pub const MIN_PROMPTS_PER_THEME: usize = 6;
/// The minimum number of prompts that must support each programme outcome.
pub const MIN_PROMPTS_PER_OUTCOME: usize = 5;
/// The minimum number of prompts each profession is offered in each domain: a midwife or a
/// social worker rotates through the domains as fully as a doctor.
pub const MIN_PROMPTS_PER_PROFESSION: usize = 10;

pub fn too_few_prompts(located: &[LocatedPrompt]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for area in Area::ALL {
        let count = located.iter().filter(|l| l.prompt.area == area).count();
        let (minimum, kind) = match area.kind() {
            AreaKind::Domain => (MIN_PROMPTS_PER_DOMAIN, "domain"),
            AreaKind::Theme => (MIN_PROMPTS_PER_THEME, "theme"),
        };
        if count < minimum {
            let message = format!(
                "{kind} '{}' has {count} valid prompts; it needs at least {minimum}",
                area.id()
            );
            problems.push(Problem::new("prompts", 0, message));
        }
    }
    for outcome in Outcome::all() {
        let count = located
            .iter()
            .filter(|l| l.prompt.outcomes.contains(&outcome))
            .count();
        if count < MIN_PROMPTS_PER_OUTCOME {
            let message = format!(
                "{} is supported by {count} valid prompts; it needs at least {MIN_PROMPTS_PER_OUTCOME}",
                outcome.id()
            );
            problems.push(Problem::new("prompts", 0, message));
        }
    }
    problems.extend(too_few_per_profession(located));
    problems
}

/// Per domain and profession. A domain short of prompts altogether is reported above, so only
/// domains that meet their own minimum are checked here.
fn too_few_per_profession(located: &[LocatedPrompt]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for area in Area::ALL
        .into_iter()
        .filter(|a| a.kind() == AreaKind::Domain)
    {
        let in_area: Vec<&LocatedPrompt> =
            located.iter().filter(|l| l.prompt.area == area).collect();
        if in_area.len() < MIN_PROMPTS_PER_DOMAIN {
            continue;
        }
        for &profession in Profession::ALL {
            let count = in_area
                .iter()
                .filter(|l| l.prompt.suits(profession))
                .count();
            if count < MIN_PROMPTS_PER_PROFESSION {
                let message = format!(
                    "domain '{}' offers {count} prompts to profession '{}'; every profession \
                     needs at least {MIN_PROMPTS_PER_PROFESSION} (open a prompt to everyone, \
                     or add it to a `professions` list)",
                    area.id(),
                    profession.slug()
                );
                problems.push(Problem::new(&in_area[0].file, 0, message));
            }
        }
    }
    problems
}
