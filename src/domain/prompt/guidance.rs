//! The standard guidance a prompt carries: who to leave unidentifiable, and, for something that
//! went wrong, what a reflection is not. Authors tag a prompt with [`Reminder`]s; the wording
//! lives here once, so every message says the same true thing in the same few words (GMC and
//! Academy guidance, *The reflective practitioner*, 2018).

use std::collections::BTreeSet;

use super::ReflectionModel;
use crate::domain::slug::slug_enum;

slug_enum! {
    /// Why a prompt needs standard guidance beside it.
    Reminder, "reminder" {
        Patient => "patient", "Invites a patient encounter", [];
        Colleague => "colleague", "Invites a colleague encounter", [];
        Incident => "incident", "Invites something that went wrong", []
    }
}

const PATIENT: &str = "Please leave out anything that could identify a patient or the people \
    close to them: removing the name is not enough, as age, place and condition together can \
    identify someone. Capture your learning and plans rather than the case facts.";

const COLLEAGUE: &str = "Please leave out anything that could identify a colleague: a role, a \
    shift or a place can be enough. Capture your learning and plans rather than an account of \
    what they did.";

const PATIENT_AND_COLLEAGUE: &str = "Please leave out anything that could identify a patient, \
    the people close to them or a colleague: removing the name is not enough, as age, role, place \
    and condition together can identify someone. Capture your learning and plans rather than the \
    case facts.";

const INCIDENT: &str = "A reflection does not replace incident reporting, so report anything that \
    needs it through your usual route. Reflective notes are not legally privileged.";

/// The guidance for a prompt with these reminders, or `None` when it needs none. Patient and
/// colleague wording is merged into one sentence so a prompt never repeats itself.
pub fn guidance(reminders: &BTreeSet<Reminder>) -> Option<String> {
    let identity = match (
        reminders.contains(&Reminder::Patient),
        reminders.contains(&Reminder::Colleague),
    ) {
        (true, true) => Some(PATIENT_AND_COLLEAGUE),
        (true, false) => Some(PATIENT),
        (false, true) => Some(COLLEAGUE),
        (false, false) => None,
    };
    let incident = reminders.contains(&Reminder::Incident).then_some(INCIDENT);
    let parts: Vec<&str> = identity.into_iter().chain(incident).collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// For the deeper models, the full model offered alongside the short form: the form keeps three
/// questions a tired trainee can answer on a phone, and anyone with time can reply in their own
/// words through every stage.
pub fn going_deeper(model: ReflectionModel) -> Option<&'static str> {
    match model {
        ReflectionModel::Gibbs => Some(
            "Time to go deeper? Reply in your own words through Gibbs' full cycle: what \
             happened, your feelings, what went well or badly, why, what you conclude and your \
             action plan.",
        ),
        ReflectionModel::Johns => Some(
            "Time to go deeper? Reply in your own words with Johns' model: look in at your \
             thoughts and feelings, then out at what you aimed for, the ethics, the knowledge \
             that guided you and what you would do differently.",
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patient_and_colleague_merge_and_incident_follows() {
        let both = BTreeSet::from([Reminder::Patient, Reminder::Colleague, Reminder::Incident]);
        let text = guidance(&both).unwrap();
        assert_eq!(text.matches("Please leave out").count(), 1, "{text}");
        assert!(text.contains("a patient, the people close to them or a colleague"));
        assert!(text.ends_with("not legally privileged."), "{text}");
        assert!(guidance(&BTreeSet::new()).is_none());
        let colleague = guidance(&BTreeSet::from([Reminder::Colleague])).unwrap();
        assert!(!colleague.contains("patient"), "{colleague}");
    }

    #[test]
    fn only_the_deeper_models_offer_more() {
        assert!(
            going_deeper(ReflectionModel::Gibbs)
                .unwrap()
                .contains("action plan")
        );
        assert!(
            going_deeper(ReflectionModel::Johns)
                .unwrap()
                .contains("ethics")
        );
        assert!(going_deeper(ReflectionModel::Rolfe).is_none());
    }
}
