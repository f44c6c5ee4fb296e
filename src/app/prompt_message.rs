//! What a prompt looks like when it arrives: the area it serves, the prompt, the full model
//! offered when the form is a short version of a deeper one, the standard guidance when the
//! prompt invites a patient, a colleague or something that went wrong, and the buttons.

use crate::app::notify::{Button, ButtonStyle, OutgoingMessage};
use crate::domain::curriculum::AreaKind;
use crate::domain::custom_id::{CustomId, PromptAction};
use crate::domain::prompt::{Prompt, going_deeper};

/// The nonce that makes re-sending delivery `delivery` idempotent on Discord's side
/// (at most 25 characters).
pub fn delivery_nonce(delivery: i64) -> String {
    format!("mld{delivery}")
}

/// The message for delivery `delivery` of `prompt`.
pub fn prompt_message(prompt: &Prompt, delivery: i64, reminder: bool) -> OutgoingMessage {
    let kind = match prompt.area.kind() {
        AreaKind::Domain => "domain",
        AreaKind::Theme => "theme",
    };
    let mut content = String::new();
    if reminder {
        content
            .push_str("A gentle nudge, in case this one is still on your mind — no pressure.\n\n");
    }
    content.push_str(&format!(
        "**{}** · {kind}\n\n{}\n",
        prompt.area.name(),
        prompt.text.trim()
    ));
    if let Some(deeper) = going_deeper(prompt.model) {
        content.push_str(&format!("\n_{deeper}_\n"));
    }
    if let Some(guidance) = prompt.guidance() {
        content.push_str(&format!("\n> 🔒 {guidance}\n"));
    }
    content.push_str("\nReflect with the button, or just reply here in your own words.");
    OutgoingMessage {
        content,
        buttons: prompt_buttons(delivery),
        nonce: Some(delivery_nonce(delivery) + if reminder { "r" } else { "" }),
    }
}

fn prompt_buttons(delivery: i64) -> Vec<Button> {
    let button = |action, label: &str, style| Button {
        custom_id: CustomId::Prompt { action, delivery }.to_string(),
        label: label.to_owned(),
        style,
    };
    vec![
        button(PromptAction::Reflect, "Reflect", ButtonStyle::Primary),
        button(
            PromptAction::SnoozeHour,
            "Snooze 1 hour",
            ButtonStyle::Secondary,
        ),
        button(
            PromptAction::SnoozeTomorrow,
            "Tomorrow",
            ButtonStyle::Secondary,
        ),
        button(PromptAction::Skip, "Skip this week", ButtonStyle::Secondary),
        button(
            PromptAction::NotRelevant,
            "Not relevant to me",
            ButtonStyle::Secondary,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::curriculum::{Area, Outcome};
    use crate::domain::prompt::{MAX_TEXT_CHARS, ReflectionModel, Reminder};
    use std::collections::BTreeSet;

    fn prompt(model: ReflectionModel, reminders: &[Reminder]) -> Prompt {
        Prompt {
            id: "pcp-test".parse().unwrap(),
            area: Area::PersonCentredPractice,
            outcomes: BTreeSet::from([Outcome::from_number(1).unwrap()]),
            model,
            text: "x".repeat(MAX_TEXT_CHARS),
            stems: vec!["What?".into()],
            professions: BTreeSet::new(),
            reminders: reminders.iter().copied().collect(),
        }
    }

    #[test]
    fn the_longest_prompt_fits_discord_with_every_addition() {
        let all = [Reminder::Patient, Reminder::Colleague, Reminder::Incident];
        for model in [ReflectionModel::Gibbs, ReflectionModel::Johns] {
            let message = prompt_message(&prompt(model, &all), i64::MAX, true);
            assert!(message.content.chars().count() <= 2_000);
            assert!(message.nonce.unwrap().len() <= 25);
            assert!(message.content.contains("identify a patient"));
            assert!(message.content.contains("not legally privileged"));
            assert!(message.content.contains("go deeper"));
        }
    }

    #[test]
    fn only_tagged_prompts_carry_guidance_and_only_deep_models_offer_more() {
        let plain = prompt_message(&prompt(ReflectionModel::Rolfe, &[]), 1, false).content;
        assert!(!plain.contains("🔒"), "{plain}");
        assert!(!plain.contains("go deeper"), "{plain}");
        let colleague = prompt_message(
            &prompt(ReflectionModel::Rolfe, &[Reminder::Colleague]),
            1,
            false,
        )
        .content;
        assert!(colleague.contains("identify a colleague"), "{colleague}");
        assert!(!colleague.contains("incident"), "{colleague}");
    }

    #[test]
    fn every_button_names_the_delivery() {
        let message = prompt_message(&prompt(ReflectionModel::Rolfe, &[]), 77, false);
        assert_eq!(message.buttons.len(), 5);
        for button in message.buttons {
            match button.custom_id.parse::<CustomId>().unwrap() {
                CustomId::Prompt { delivery, .. } => assert_eq!(delivery, 77),
                other => panic!("unexpected {other:?}"),
            }
        }
    }
}
