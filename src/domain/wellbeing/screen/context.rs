//! The context rules that decide whether a pattern's match is about the writer. Each looks only
//! at the words just before or just after the match, within its sentence, so a verdict can be
//! explained by pointing at a few words:
//!
//! - **someone else's** ([`other_subject`]): the nearest person word before the match is a
//!   patient, relative, colleague, "he", "she" or "they" — unless the match names the writer
//!   itself ("better off without me", "kill myself").
//! - **negated** ([`negated`]): "not", "never", "don't"… stands before the match with only
//!   little words between ("I have never wanted to hurt myself"). "Not sure", "can't stop" and
//!   the like are doubt, not denial, and do not count.
//! - **a clinical term** ([`clinical_term_follows`]): the match is the first half of a clinical
//!   noun phrase ("overdose history", "self-harm assessment", "suicide risk", "… in teenagers").
//! - **done to a patient** ([`object_follows`]): "I nearly overdosed him", "… the patient".
//! - **an idiom** ([`idiom_follows`]): "… of embarrassment", "… laughing".
//! - **a mention, not a use** ([`mentioned`]): "the word unalive", "what ctb means".

use std::sync::LazyLock;

use regex::Regex;

/// Who a person word points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Person {
    Writer,
    Other,
}

const WRITER: &[&str] = &["i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself"];

/// Words that name someone other than the writer. "We" is here too: in a reflection it is the
/// team ("we can't go on with the round"), and "you" is the person being asked or addressed.
const OTHERS: &[&str] = &[
    "he",
    "she",
    "they",
    "he's",
    "she's",
    "they're",
    "they've",
    "he'd",
    "she'd",
    "him",
    "her",
    "them",
    "his",
    "hers",
    "their",
    "himself",
    "herself",
    "themselves",
    "who",
    "we",
    "we're",
    "we've",
    "us",
    "you",
    "you're",
    "your",
    "patient",
    "patients",
    "pt",
    "pts",
    "patient's",
    "mum",
    "dad",
    "mother",
    "father",
    "wife",
    "husband",
    "partner",
    "son",
    "daughter",
    "child",
    "children",
    "baby",
    "man",
    "woman",
    "men",
    "women",
    "lady",
    "gentleman",
    "guy",
    "lad",
    "boy",
    "girl",
    "client",
    "clients",
    "resident",
    "relative",
    "relatives",
    "family",
    "friend",
    "housemate",
    "colleague",
    "colleagues",
    "consultant",
    "reg",
    "registrar",
    "nurse",
    "doctor",
    "someone",
    "somebody",
    "anyone",
    "person",
    "people",
    "staff",
    "student",
    "students",
    "trainees",
    "juniors",
    "teen",
    "teenager",
    "teenagers",
    "actor",
    "user",
    "users",
    "mr",
    "mrs",
    "ms",
    "miss",
    "crew",
    "police",
];

/// Which person a single lower-case word points at, if any.
pub fn person(word: &str) -> Option<Person> {
    if WRITER.contains(&word) {
        Some(Person::Writer)
    } else if OTHERS.contains(&word) {
        Some(Person::Other)
    } else {
        None
    }
}

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[a-z0-9']+").expect("word regex"));

fn words(text: &str) -> Vec<&str> {
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

/// Whether the match is about someone else: it names nobody itself, and the nearest person word
/// before it in the sentence is not the writer. With no person word at all the writer is meant
/// ("feeling suicidal again"): chat drops the "I".
pub fn other_subject(before: &str, matched: &str) -> bool {
    if words(matched)
        .iter()
        .any(|w| person(w) == Some(Person::Writer))
    {
        return false;
    }
    let nearest = words(before).into_iter().rev().find_map(person);
    nearest == Some(Person::Other)
}

const NEGATIONS: &[&str] = &[
    "not",
    "never",
    "no",
    "don't",
    "doesn't",
    "didn't",
    "won't",
    "wouldn't",
    "isn't",
    "wasn't",
    "aren't",
    "haven't",
    "hasn't",
    "hadn't",
    "nor",
    "shouldn't",
    "couldn't",
];

/// Words that may stand between a negation and what it negates: "never *really* wanted to",
/// "not *going to*", "no way *would I ever*".
const LITTLE: &[&str] = &[
    "i",
    "i'm",
    "i've",
    "i'd",
    "i'll",
    "am",
    "was",
    "were",
    "have",
    "has",
    "had",
    "been",
    "be",
    "ever",
    "really",
    "actually",
    "honestly",
    "genuinely",
    "seriously",
    "even",
    "at",
    "all",
    "that",
    "think",
    "thought",
    "thinking",
    "feel",
    "feeling",
    "felt",
    "want",
    "wanted",
    "going",
    "to",
    "would",
    "will",
    "could",
    "should",
    "do",
    "did",
    "does",
    "currently",
    "now",
    "any",
    "intend",
    "intending",
    "plan",
    "planning",
    "mean",
    "just",
    "like",
    "a",
    "so",
    "about",
    "of",
    "way",
    "ok",
    "okay",
    "properly",
    "truly",
    "once",
];

/// Words after a negation that make it doubt rather than denial: "not sure I want to live",
/// "can't stop thinking about…", "don't know if…".
const DOUBT: &[&str] = &[
    "sure",
    "know",
    "stop",
    "help",
    "promise",
    "certain",
    "guarantee",
];

static CLAUSE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r",|:|\s-\s|\s–\s|\b(and|but|so|because|though|although|or|then|while|whereas)\b")
        .expect("clause regex")
});

/// Whether a negation governs the match: scanning back from it within its clause, past little
/// words only, a negation word is reached that is not followed by a word of doubt.
pub fn negated(before: &str) -> bool {
    let clause = CLAUSE_BREAK
        .find_iter(before)
        .last()
        .map_or(before, |m| &before[m.end()..]);
    let words = words(clause);
    for (k, word) in words.iter().enumerate().rev() {
        if NEGATIONS.contains(word) {
            let next = words.get(k + 1).copied().unwrap_or_default();
            return !DOUBT.contains(&next);
        }
        if !LITTLE.contains(word) {
            return false;
        }
    }
    false
}

static CLINICAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s-]*(risk|risks|history|histories|hx|assessment|assessments|assess|screen|screening|scale|score|scores|tool|tools|questionnaire|training|teaching|session|sessions|module|modules|course|lecture|workshop|webinar|simulation|sim|scenario|study|prevention|awareness|pathway|pathways|protocol|policy|policies|guideline|guidelines|guidance|audit|review|referral|referrals|liaison|team|teams|service|services|clinic|ward|unit|lead|case|cases|patient|patients|pt|pts|presentation|presentations|admission|admissions|skills|management|proforma|form|leaflet|bloods|level|levels|nomogram|treatment|antidote|toxbase|reflection|rates|rate|statistics|stats|research|survivors|bereavement|inquest|strategy|charity|helpline|call|calls|job|jobs|reviews|queries|query)\b|^\s*(in|among|amongst)\s+(patients|pts|young people|teenagers|adolescents|men|women|doctors|nurses|healthcare|the nhs|children|kids|students|older)\b",
    )
    .expect("clinical regex")
});

/// Whether the match is the first half of a clinical noun phrase ("overdose history").
pub fn clinical_term_follows(after: &str) -> bool {
    CLINICAL.is_match(after)
}

static OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(him|her|them|the (patient|pt|child|baby|lady|man|woman|gentleman|boy|girl|resident|client|wrong)|a (patient|pt|child|baby)|my (patient|pt)|pt|patient|mr|mrs|ms|miss|bed)\b",
    )
    .expect("object regex")
});

/// Whether the match is done to someone else: "I nearly overdosed him on morphine".
pub fn object_follows(after: &str) -> bool {
    OBJECT.is_match(after)
}

static IDIOM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(laughing|of (embarrassment|shame|boredom|cringe|laughter)|from (embarrassment|cringe|shame)|than\b)")
        .expect("idiom regex")
});

/// Whether the words after the match turn it into an idiom: "die of embarrassment", "kill
/// myself laughing", "I'd rather die than present again".
pub fn idiom_follows(after: &str) -> bool {
    IDIOM.is_match(after)
}

static MENTION_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(word|words|term|terms|phrase|phrases|slang|abbreviations?|acronyms?|such as|(terms|words|things) like|listed|meaning of)\s*[,:]?\s*$")
        .expect("mention regex")
});
static MENTION_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(,\s*\w+\s*)*(means|meant|is slang|are slang|as (coded )?(terms?|words?|slang)|stands for|is code|is short for|and \w+ as)\b")
        .expect("mention regex")
});

/// Whether a word is talked about rather than used: "the word unalive", "what ctb means".
pub fn mentioned(before: &str, after: &str) -> bool {
    MENTION_BEFORE.is_match(before) || MENTION_AFTER.is_match(after)
}
