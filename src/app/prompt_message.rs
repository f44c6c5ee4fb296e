//! What a prompt looks like when it arrives: the area it serves, the prompt, the anonymisation
//! reminder when it asks about a patient encounter, and the buttons.

use crate::app::notify::{Button, ButtonStyle, OutgoingMessage};
use crate::domain::curriculum::AreaKind;
use crate::domain::custom_id::{CustomId, PromptAction};
use crate::domain::prompt::{ANONYMISATION_REMINDER, Prompt};

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
    if prompt.patient_encounter {
        content.push_str(&format!("\n> 🔒 {ANONYMISATION_REMINDER}\n"));
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
    use std::collections::BTreeSet;

    fn prompt(patient_encounter: bool) -> Prompt {
        Prompt {
            id: "pcp-test".parse().unwrap(),
            area: Area::PersonCentredPractice,
            outcomes: BTreeSet::from([Outcome::from_number(1).unwrap()]),
            model: crate::domain::prompt::ReflectionModel::Rolfe,
            text: "x".repeat(1_000),
            stems: vec!["What?".into()],
            professions: BTreeSet::new(),
            patient_encounter,
        }
    }

    #[test]
    fn the_longest_prompt_fits_discord_with_reminder_and_nudge() {
        let message = prompt_message(&prompt(true), i64::MAX, true);
        assert!(message.content.chars().count() <= 2_000);
        assert!(message.nonce.unwrap().len() <= 25);
        assert!(message.content.contains("identify a patient"));
    }

    #[test]
    fn only_patient_encounters_carry_the_reminder() {
        assert!(
            !prompt_message(&prompt(false), 1, false)
                .content
                .contains("identify a patient")
        );
    }

    #[test]
    fn every_button_names_the_delivery() {
        let message = prompt_message(&prompt(false), 77, false);
        assert_eq!(message.buttons.len(), 5);
        for button in message.buttons {
            match button.custom_id.parse::<CustomId>().unwrap() {
                CustomId::Prompt { delivery, .. } => assert_eq!(delivery, 77),
                other => panic!("unexpected {other:?}"),
            }
        }
    }
}
