//! Fixed evidence for the export tests: every source, shared and private, several areas, no
//! areas, a blank answer, and text full of commas, quotes and line breaks. Deliberately out of
//! date order, so the tests see the exports sort.

use std::collections::BTreeSet;

use chrono::{DateTime, TimeZone, Utc};

use crate::domain::curriculum::{Area, Outcome};
use crate::domain::evidence::{Answer, EvidenceEntry, EvidenceSource, Tag};
use crate::domain::member::DiscordId;

pub fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, day, hour, 30, 0).unwrap()
}

fn answer(stem: &str, text: &str) -> Answer {
    Answer {
        stem: stem.into(),
        text: text.into(),
    }
}

fn outcome(n: u8) -> Tag {
    Tag::Outcome(Outcome::from_number(n).unwrap())
}

fn entry(id: i64, source: EvidenceSource, day: u32, tags: &[Tag]) -> EvidenceEntry {
    EvidenceEntry {
        id,
        member: DiscordId(100_000_000_000_000_001),
        source,
        prompt_id: None,
        prompt_text: None,
        answers: Vec::new(),
        tags: tags.iter().copied().collect::<BTreeSet<_>>(),
        shared_with_supervisor: false,
        to_discuss: false,
        follows_up: None,
        created_at: at(day, 9),
        updated_at: at(day, 9),
    }
}

/// Four entries, ids 11–14.
pub fn entries() -> Vec<EvidenceEntry> {
    vec![case_review(), shared_dm(), untagged(), person_centred()]
}

fn person_centred() -> EvidenceEntry {
    let tags = [
        Tag::Area(Area::Leadership),
        Tag::Area(Area::PersonCentredPractice),
        outcome(1),
        outcome(7),
    ];
    EvidenceEntry {
        prompt_id: Some("pcp-personal-vs-personalised".parse().unwrap()),
        prompt_text: Some(
            "Think of a recent plan you made with someone.\nWas it personal, personalised, or both?"
                .into(),
        ),
        answers: vec![
            answer("What?", "We agreed a plan around what mattered to her: her garden."),
            answer("So what?", "Listening is not the same as tailoring the plan."),
            answer("Now what?", "Ask \"what matters to you?\" before I write the plan."),
        ],
        ..entry(11, EvidenceSource::Form, 3, &tags)
    }
}

fn shared_dm() -> EvidenceEntry {
    EvidenceEntry {
        answers: vec![answer(
            "Reflection",
            "Busy week, but \"good\" busy.\nTeam huddle helped, a lot; I said so.\n\nMore next week.",
        )],
        shared_with_supervisor: true,
        to_discuss: false,
        follows_up: None,
        updated_at: at(12, 18),
        ..entry(
            12,
            EvidenceSource::DirectMessage,
            10,
            &[Tag::Area(Area::Wellbeing)],
        )
    }
}

fn case_review() -> EvidenceEntry {
    let tags = [
        Tag::Area(Area::SystemWorking),
        Tag::Area(Area::ComplexMultimorbidity),
        outcome(2),
    ];
    EvidenceEntry {
        answers: vec![
            answer(
                "Explore",
                "Five teams, one person; nobody owned the medicines review.",
            ),
            answer("Explain", "   "),
            answer("Plan", "Name one owner for deprescribing decisions."),
        ],
        ..entry(13, EvidenceSource::CaseDiscussion, 20, &tags)
    }
}

fn untagged() -> EvidenceEntry {
    EvidenceEntry {
        answers: vec![answer("What?", "A note to self, not tagged yet.")],
        ..entry(14, EvidenceSource::DirectMessage, 1, &[])
    }
}

/// A supervisor's acknowledgement and comment on the shared entry (#12).
pub fn comments() -> super::Comments {
    use crate::domain::supervision::{Comment, CommentKind};
    let comment = |id, kind, body: Option<&str>, day| Comment {
        id,
        entry: 12,
        author: DiscordId(900),
        author_name: Some("Dr Rowan Ellis".to_owned()),
        kind,
        body: body.map(str::to_owned),
        at: at(day, 9),
    };
    super::Comments::from([(
        12,
        vec![
            comment(1, CommentKind::Acknowledged, None, 13),
            comment(
                2,
                CommentKind::Comment,
                Some("Naming the huddle's value out loud is leadership too."),
                14,
            ),
        ],
    )])
}
