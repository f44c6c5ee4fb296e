//! The authoring rules `mindlines prompts check` enforces beyond the schema: what a careful
//! educator would check by eye, written down so an author can run them. Each rule is a pure
//! function of the text it judges and returns plain messages; the caller locates them. The
//! authors' guide (`prompts/README.md`) explains every rule.

mod minimums;
mod reminder_cues;
mod stems;

pub use minimums::{
    MIN_PROMPTS_PER_DOMAIN, MIN_PROMPTS_PER_OUTCOME, MIN_PROMPTS_PER_PROFESSION,
    MIN_PROMPTS_PER_THEME, too_few_prompts,
};
pub use reminder_cues::missing_reminders;
pub use stems::{
    ALLOWED_STEMS, last_stem_problem, stem_count_problem, stem_problem, wisegp_order_problem,
};

#[cfg(test)]
mod tests;
