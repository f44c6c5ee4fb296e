//! What the bot posts in a case thread and sends its participants. Each fits one Discord
//! message (2,000 characters) for templates within their limits.

use super::{CaseSummary, CaseTemplate};
use crate::domain::curriculum::Area;
use crate::domain::member::Profession;

/// The anonymisation checklist every case thread opens with.
pub const CHECKLIST: &str = "**Before you write — keep it anonymous**\n\
• No names, initials, dates of birth, NHS numbers, addresses, postcodes or phone numbers.\n\
• No rare details that together could identify someone (an unusual job, a small village, a rare condition and an age).\n\
• Learning, not the clinical record: decisions about care belong in the notes.\n\
mindlines removes any message that looks like it holds an identifier and sends its writer a masked copy to repost. Discord is not end-to-end encrypted.";

/// "Dr Sam Okafor (Doctor), Lee Chen (Nurse)".
pub fn participants_text(people: &[(String, Profession)]) -> String {
    people
        .iter()
        .map(|(name, profession)| format!("{name} ({})", profession.label()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The thread's first message: what the case is, its stages, the checklist and who is taking
/// part, with their professions so the different perspectives are visible.
pub fn opening_text(
    title: &str,
    template: &CaseTemplate,
    domains: &[Area],
    people: &[(String, Profession)],
) -> String {
    let domains: Vec<&str> = domains.iter().map(|a| a.name()).collect();
    let stages: Vec<String> = template
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {}", i + 1, s.name))
        .collect();
    format!(
        "**Case discussion: {title}**\nTemplate: {} — {}\nDomains: {}\nStages: {}\n\n{CHECKLIST}\n\n**Taking part:** {}\n\nThe lead moves the stages on with `/case stage next`.",
        template.name,
        template.about,
        domains.join(", "),
        stages.join(" → "),
        participants_text(people)
    )
}

/// The post that opens stage `index` (0-based).
pub fn stage_text(template: &CaseTemplate, index: usize) -> Option<String> {
    let stage = template.stages.get(index)?;
    Some(format!(
        "**Stage {} of {}: {}**\n{}",
        index + 1,
        template.stages.len(),
        stage.name,
        stage.question
    ))
}

/// The summary the lead wrote, as posted in the thread when it closes.
pub fn closing_text(title: &str, summary: &CaseSummary) -> String {
    let field = |text: &str| {
        if text.trim().is_empty() {
            "—".to_owned()
        } else {
            text.trim().to_owned()
        }
    };
    format!(
        "**Case closed: {title}**\n\n**Learning points**\n{}\n\n**What we would do differently**\n{}\n\n**Follow-up questions**\n{}\n\nThe thread is locked and archived. Each person who contributed gets a short reflection prompt by direct message.",
        field(&summary.learning),
        field(&summary.differently),
        field(&summary.questions)
    )
}

/// The reflection prompt a contributor is sent after the close.
pub fn reflection_text(title: &str, domains: &[Area]) -> String {
    let domains: Vec<&str> = domains.iter().map(|a| a.name()).collect();
    format!(
        "**After the case discussion** · private to you\n\nThe case discussion “{title}” has closed. What did you learn from the other professions' views, and what will you do differently? If you answer, it is kept as your evidence, tagged {}.\n\nPlease leave out anything that could identify the person.",
        domains.join(", ")
    )
}

/// The "review and revise" follow-up posted back in the thread.
pub fn review_text(title: &str) -> String {
    format!(
        "**Review and revise: {title}**\nSome weeks have passed since this discussion. What happened after, what did we get right, and what would we now revise? The thread is open again for the team's replies; the lead closes it with `/case close`."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template() -> CaseTemplate {
        CaseTemplate {
            id: "t".into(),
            name: "WiseGP".into(),
            about: "Knowledge work.".into(),
            default: true,
            stages: vec![
                super::super::Stage {
                    name: "Explore".into(),
                    question: "What matters?".into(),
                },
                super::super::Stage {
                    name: "Plan".into(),
                    question: "What next?".into(),
                },
            ],
        }
    }

    #[test]
    fn the_opening_shows_stages_checklist_and_professions() {
        let people = vec![
            ("Lee Chen".to_owned(), Profession::Nurse),
            ("Bilal Hussain".to_owned(), Profession::Pharmacist),
        ];
        let text = opening_text(
            "Falls at home",
            &template(),
            &[Area::ComplexMultimorbidity],
            &people,
        );
        assert!(text.contains("1. Explore → 2. Plan"), "{text}");
        assert!(text.contains("No names, initials, dates of birth, NHS numbers"));
        assert!(text.contains("Bilal Hussain (Pharmacist)"));
        assert!(text.chars().count() < 2_000);
        assert_eq!(
            stage_text(&template(), 1).unwrap(),
            "**Stage 2 of 2: Plan**\nWhat next?"
        );
        assert_eq!(stage_text(&template(), 2), None);
    }
}
