//! Custom ids carried by the bot's buttons and modals. Discord echoes them back on every click,
//! so they are untrusted input: parsed once into [`CustomId`], and anything malformed is
//! rejected. They name a delivery, never a member: who may click is checked against the store.

use std::fmt;
use std::str::FromStr;

const PREFIX: &str = "ml1";
/// Discord's limit for a custom id.
pub const MAX_CUSTOM_ID_CHARS: usize = 100;

/// What a button on a prompt message does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PromptAction {
    /// Open the reflection form.
    Reflect,
    /// Send the prompt again in an hour.
    SnoozeHour,
    /// Send the prompt again tomorrow at the member's usual time.
    SnoozeTomorrow,
    /// Skip this week's prompt.
    Skip,
    /// This prompt is not relevant to me: offer it less.
    NotRelevant,
}

impl PromptAction {
    pub const ALL: [PromptAction; 5] = [
        PromptAction::Reflect,
        PromptAction::SnoozeHour,
        PromptAction::SnoozeTomorrow,
        PromptAction::Skip,
        PromptAction::NotRelevant,
    ];

    fn code(self) -> &'static str {
        match self {
            PromptAction::Reflect => "reflect",
            PromptAction::SnoozeHour => "snooze1h",
            PromptAction::SnoozeTomorrow => "snooze1d",
            PromptAction::Skip => "skip",
            PromptAction::NotRelevant => "notrelevant",
        }
    }
}

/// A parsed custom id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CustomId {
    /// A button on the prompt message of delivery `delivery`.
    Prompt { action: PromptAction, delivery: i64 },
    /// The reflection form opened from delivery `delivery`.
    ReflectionForm { delivery: i64 },
    /// The edit form for evidence entry `evidence`.
    EditForm { evidence: i64 },
    /// "Delete it" on the confirmation for deleting entry `evidence`.
    ConfirmDelete { evidence: i64 },
    /// "Keep it" on that confirmation.
    KeepEvidence { evidence: i64 },
    /// "It was about someone else: keep my reflection", on the signposting shown when held
    /// text `token` matched the safety screen.
    KeepHeld { token: i64 },
    /// Score `score` (1–5) on the check-in message of delivery `delivery`.
    CheckinScore { delivery: i64, score: u8 },
    /// "Add a note" after answering check-in `delivery`; its modal has the same id.
    CheckinNote { delivery: i64 },
    /// "Support options" on the reply to a low check-in `delivery`.
    CheckinSupport { delivery: i64 },
    /// "Pause my prompts for a while" on the reply to a low check-in `delivery`.
    CheckinPause { delivery: i64 },
    /// "Agree" on the check-in consent (the number is always 1: the version agreed to is the
    /// one in force when the button is pressed, which is the one shown).
    ConsentAgree,
    /// "Not now" on the check-in consent.
    ConsentDecline,
    /// "Read #N" in a supervisor's digest: open shared entry `evidence` whole.
    ReadShared { evidence: i64 },
    /// "Acknowledge" under a shared entry a supervisor is reading.
    AckShared { evidence: i64 },
    /// "Comment" under a shared entry; its modal has the same id.
    CommentShared { evidence: i64 },
    /// "Reflect" on the follow-up of a plan (delivery `delivery`); its form has the same id.
    FollowUpReflect { delivery: i64 },
    /// "Skip" on a plan's follow-up.
    FollowUpSkip { delivery: i64 },
    /// "No more follow-ups" on a plan's follow-up.
    FollowUpStop { delivery: i64 },
    /// "Reflect" on the prompt after a case discussion (delivery `delivery`); its form too.
    CaseReflect { delivery: i64 },
    /// The summary form of the case whose thread is `thread`.
    CaseClose { thread: i64 },
    /// "Continue" on `/mydata erase`'s first question, asked at `asked` (Unix seconds).
    EraseContinue { asked: i64 },
    /// "Erase everything now" on its second question, asked at `asked`.
    EraseConfirm { asked: i64 },
    /// "Cancel" on either question (the number is always 1).
    EraseCancel,
}

impl fmt::Display for CustomId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CustomId::Prompt { action, delivery } => {
                write!(f, "{PREFIX}:{}:{delivery}", action.code())
            }
            CustomId::ReflectionForm { delivery } => write!(f, "{PREFIX}:form:{delivery}"),
            CustomId::EditForm { evidence } => write!(f, "{PREFIX}:edit:{evidence}"),
            CustomId::ConfirmDelete { evidence } => write!(f, "{PREFIX}:del:{evidence}"),
            CustomId::KeepEvidence { evidence } => write!(f, "{PREFIX}:keep:{evidence}"),
            CustomId::KeepHeld { token } => write!(f, "{PREFIX}:held:{token}"),
            CustomId::CheckinScore { delivery, score } => {
                write!(f, "{PREFIX}:ci{score}:{delivery}")
            }
            CustomId::CheckinNote { delivery } => write!(f, "{PREFIX}:cinote:{delivery}"),
            CustomId::CheckinSupport { delivery } => write!(f, "{PREFIX}:cihelp:{delivery}"),
            CustomId::CheckinPause { delivery } => write!(f, "{PREFIX}:cipause:{delivery}"),
            CustomId::ConsentAgree => write!(f, "{PREFIX}:consent:1"),
            CustomId::ConsentDecline => write!(f, "{PREFIX}:noconsent:1"),
            CustomId::ReadShared { evidence } => write!(f, "{PREFIX}:read:{evidence}"),
            CustomId::AckShared { evidence } => write!(f, "{PREFIX}:ack:{evidence}"),
            CustomId::CommentShared { evidence } => write!(f, "{PREFIX}:cmt:{evidence}"),
            CustomId::FollowUpReflect { delivery } => write!(f, "{PREFIX}:fu:{delivery}"),
            CustomId::FollowUpSkip { delivery } => write!(f, "{PREFIX}:fuskip:{delivery}"),
            CustomId::FollowUpStop { delivery } => write!(f, "{PREFIX}:fustop:{delivery}"),
            CustomId::CaseReflect { delivery } => write!(f, "{PREFIX}:casefx:{delivery}"),
            CustomId::CaseClose { thread } => write!(f, "{PREFIX}:caseclose:{thread}"),
            CustomId::EraseContinue { asked } => write!(f, "{PREFIX}:erasego:{asked}"),
            CustomId::EraseConfirm { asked } => write!(f, "{PREFIX}:erasenow:{asked}"),
            CustomId::EraseCancel => write!(f, "{PREFIX}:erasecancel:1"),
        }
    }
}

impl FromStr for CustomId {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let unknown = || {
            format!(
                "unknown custom id '{}'",
                text.chars().take(MAX_CUSTOM_ID_CHARS).collect::<String>()
            )
        };
        let mut parts = text.split(':');
        let (Some(PREFIX), Some(kind), Some(number), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(unknown());
        };
        let id = parse_id(number).ok_or_else(unknown)?;
        match kind {
            "form" => Ok(CustomId::ReflectionForm { delivery: id }),
            "edit" => Ok(CustomId::EditForm { evidence: id }),
            "del" => Ok(CustomId::ConfirmDelete { evidence: id }),
            "keep" => Ok(CustomId::KeepEvidence { evidence: id }),
            "held" => Ok(CustomId::KeepHeld { token: id }),
            "cinote" => Ok(CustomId::CheckinNote { delivery: id }),
            "cihelp" => Ok(CustomId::CheckinSupport { delivery: id }),
            "cipause" => Ok(CustomId::CheckinPause { delivery: id }),
            "consent" if id == 1 => Ok(CustomId::ConsentAgree),
            "noconsent" if id == 1 => Ok(CustomId::ConsentDecline),
            "read" => Ok(CustomId::ReadShared { evidence: id }),
            "ack" => Ok(CustomId::AckShared { evidence: id }),
            "cmt" => Ok(CustomId::CommentShared { evidence: id }),
            "fu" => Ok(CustomId::FollowUpReflect { delivery: id }),
            "fuskip" => Ok(CustomId::FollowUpSkip { delivery: id }),
            "fustop" => Ok(CustomId::FollowUpStop { delivery: id }),
            "casefx" => Ok(CustomId::CaseReflect { delivery: id }),
            "caseclose" => Ok(CustomId::CaseClose { thread: id }),
            "erasego" => Ok(CustomId::EraseContinue { asked: id }),
            "erasenow" => Ok(CustomId::EraseConfirm { asked: id }),
            "erasecancel" if id == 1 => Ok(CustomId::EraseCancel),
            "ci1" | "ci2" | "ci3" | "ci4" | "ci5" => Ok(CustomId::CheckinScore {
                delivery: id,
                score: kind.as_bytes()[2] - b'0',
            }),
            code => PromptAction::ALL
                .into_iter()
                .find(|action| action.code() == code)
                .map(|action| CustomId::Prompt {
                    action,
                    delivery: id,
                })
                .ok_or_else(unknown),
        }
    }
}

/// A positive id written in plain decimal (no sign, no leading zeros).
fn parse_id(text: &str) -> Option<i64> {
    let canonical =
        !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0');
    canonical.then(|| text.parse::<i64>().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_id_round_trips_and_fits_discord() {
        let mut ids: Vec<CustomId> = PromptAction::ALL
            .into_iter()
            .map(|action| CustomId::Prompt {
                action,
                delivery: i64::MAX,
            })
            .collect();
        ids.push(CustomId::ReflectionForm { delivery: 7 });
        ids.push(CustomId::EditForm { evidence: 42 });
        ids.push(CustomId::ConfirmDelete { evidence: 3 });
        ids.push(CustomId::KeepEvidence { evidence: 3 });
        ids.push(CustomId::CheckinScore {
            delivery: 9,
            score: 5,
        });
        ids.push(CustomId::CheckinNote { delivery: 9 });
        ids.push(CustomId::ReadShared { evidence: 12 });
        ids.push(CustomId::AckShared { evidence: 12 });
        ids.push(CustomId::CommentShared { evidence: i64::MAX });
        ids.push(CustomId::FollowUpReflect { delivery: 4 });
        ids.push(CustomId::FollowUpSkip { delivery: 4 });
        ids.push(CustomId::FollowUpStop { delivery: i64::MAX });
        ids.push(CustomId::CaseReflect { delivery: 8 });
        ids.push(CustomId::CaseClose {
            thread: 1_234_567_890_123_456_789,
        });
        ids.push(CustomId::CheckinSupport { delivery: 9 });
        ids.push(CustomId::CheckinPause { delivery: 9 });
        ids.push(CustomId::ConsentAgree);
        ids.push(CustomId::ConsentDecline);
        ids.push(CustomId::EraseContinue {
            asked: 1_800_000_000,
        });
        ids.push(CustomId::EraseConfirm {
            asked: 1_800_000_000,
        });
        ids.push(CustomId::EraseCancel);
        ids.push(CustomId::KeepHeld {
            token: 4_000_000_000,
        });
        for id in ids {
            let text = id.to_string();
            assert!(text.len() <= MAX_CUSTOM_ID_CHARS);
            assert_eq!(text.parse::<CustomId>(), Ok(id));
        }
    }

    #[test]
    fn malformed_ids_are_rejected() {
        for bad in [
            "",
            "ml1",
            "ml1:reflect",
            "ml1:reflect:",
            "ml1:reflect:-1",
            "ml1:reflect:01",
            "ml1:nope:1",
            "ml2:reflect:1",
            "ml1:reflect:1:2",
            "ml1:form:99999999999999999999",
        ] {
            assert!(bad.parse::<CustomId>().is_err(), "{bad} should be rejected");
        }
    }

    proptest! {
        #[test]
        fn parsing_never_panics(text in ".{0,120}") {
            let _ = text.parse::<CustomId>();
        }

        #[test]
        fn parsed_ids_print_back_identically(text in "ml1:(reflect|snooze1h|form|edit|skip):[0-9]{1,19}") {
            if let Ok(id) = text.parse::<CustomId>() {
                prop_assert_eq!(id.to_string(), text);
            }
        }
    }
}
