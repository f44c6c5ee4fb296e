//! Preparing a message for the patterns: one spelling for the many ways chat writes the same
//! words, quoted speech set aside, other people's reported speech cut off, and the rest split
//! into sentences. Each step works on the lower-cased text and never keeps a copy of it.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::context::{Person, person};

/// Chat spellings mapped to the one form the patterns are written for. Only words with no
/// ordinary meaning of their own are rewritten: "ill" and "id" stay as they are.
const SPELLINGS: &[(&str, &str)] = &[
    ("im", "i'm"),
    ("ive", "i've"),
    ("cant", "can't"),
    ("dont", "don't"),
    ("didnt", "didn't"),
    ("doesnt", "doesn't"),
    ("wont", "won't"),
    ("wouldnt", "wouldn't"),
    ("couldnt", "couldn't"),
    ("shouldnt", "shouldn't"),
    ("isnt", "isn't"),
    ("wasnt", "wasn't"),
    ("werent", "weren't"),
    ("arent", "aren't"),
    ("havent", "haven't"),
    ("hasnt", "hasn't"),
    ("hes", "he's"),
    ("shes", "she's"),
    ("theyre", "they're"),
    ("theyd", "they'd"),
    ("whats", "what's"),
    ("thats", "that's"),
    ("theres", "there's"),
    ("lifes", "life's"),
    ("wanna", "want to"),
    ("gonna", "going to"),
    ("tryna", "trying to"),
    ("kinda", "kind of"),
    ("rn", "right now"),
    ("atm", "at the moment"),
    ("u", "you"),
    ("cos", "because"),
    ("coz", "because"),
    ("cuz", "because"),
    ("dunno", "don't know"),
    ("idk", "i don't know"),
    ("noone", "no one"),
    ("meself", "myself"),
    ("myslef", "myself"),
];

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[a-z']+").expect("word regex"));
static SELF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bmy\s+self\b|\bme\s+self\b").expect("self regex"));
static SELF_HARM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bself[\s-]*harm").expect("self-harm regex"));
static ANY_MORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bany\s+more\b").expect("any more regex"));

/// Lower case, straight quotes and apostrophes, and [`SPELLINGS`] applied, so that "Im", "I’m"
/// and "i'm" are one thing to the patterns.
pub fn normalise(text: &str) -> String {
    let lower: String = text
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '’' | '‘' | 'ʼ' | '`' | '´' => '\'',
            '“' | '”' | '„' | '«' | '»' => '"',
            _ => c,
        })
        .collect();
    let words = WORD.replace_all(&lower, |caps: &Captures| {
        let word = &caps[0];
        let known = SPELLINGS.iter().find(|(from, _)| *from == word);
        known.map_or(word, |(_, to)| to).to_owned()
    });
    let joined = SELF.replace_all(&words, "myself");
    let joined = SELF_HARM.replace_all(&joined, "self-harm");
    ANY_MORE.replace_all(&joined, "anymore").into_owned()
}

/// Quoted speech is somebody else's words — a patient, an actor in a simulation, a slide — so it
/// is blanked out, with three exceptions that keep it: the writer attributes it to themselves
/// ("I keep thinking 'I want to die'"), the whole message is the quote, or the quote is never
/// closed (a stray mark is more likely a typo than a quotation).
pub fn set_aside_quotes(text: &str) -> String {
    let spans = quote_spans(text);
    let whole = spans.len() == 1 && {
        let (start, end) = spans[0];
        text[..start].trim().is_empty() && text[end..].trim_matches(is_trailing).is_empty()
    };
    if whole {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end) in spans {
        out.push_str(&text[last..start]);
        if attributed_to_writer(&text[..start]) {
            out.push_str(&text[start + 1..end - 1]);
        } else {
            out.push_str(" ¶ ");
        }
        last = end;
    }
    out.push_str(&text[last..]);
    out
}

fn is_trailing(c: char) -> bool {
    c.is_whitespace() || c.is_ascii_punctuation()
}

/// Byte ranges, quote marks included, of closed quotations: double quotes anywhere, and single
/// quotes that open after a space and close before one (so "don't" is not a quotation).
fn quote_spans(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut spans = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (k, &(at, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        match (open, c) {
            (None, '"') => open = Some((at, '"')),
            (None, '\'') if !word(prev) && word(next) => open = Some((at, '\'')),
            (Some((start, '"')), '"') => {
                spans.push((start, at + 1));
                open = None;
            }
            (Some((start, '\'')), '\'')
                if !prev.is_some_and(char::is_whitespace) && !word(next) =>
            {
                spans.push((start, at + 1));
                open = None;
            }
            _ => {}
        }
    }
    spans
}

static WRITER_SAYS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\bi|\bi'm|\bi've|\bi was|\bmy (head|brain|mind))\s+((keep|kept|just|literally|always|still|was|been|am|even)\s+)*(think|thinking|thought|say|says|said|saying|tell|told|telling|wrote|write|writing|texted|typed|goes|going|like|feel|felt|feeling)(\s+(myself|to myself|it|\w+ \w+|\w+))?\s*(that)?\s*[:,-]?\s*$",
    )
    .expect("writer regex")
});

fn attributed_to_writer(before: &str) -> bool {
    let clause = before
        .rsplit(['.', '!', '?', '\n'])
        .next()
        .unwrap_or(before);
    WRITER_SAYS.is_match(clause)
}

static SPEECH_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(said|says|saying|told (me|us|the \w+|her|him|them|staff)|tells (me|us)|stated|states|disclosed|reported|mentioned|admitted|explained|shouted|shouting|screamed|yelled|wrote|texted|messaged|expressed|kept saying|keeps saying)\b",
    )
    .expect("speech regex")
});
static BUT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bbut\b|\bhowever\b").expect("but regex"));

/// Cuts another person's reported words ("she said she'd been cutting again", "he told me I
/// want to die at home") from a sentence, from the speech verb to the next "but" or the end.
/// The speaker is the nearest person word before the verb; when it is the writer ("I told my
/// GP I want to die") or cannot be told, the words stay, so the screen errs towards flagging.
pub fn drop_reported_speech(sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut from = 0;
    while let Some(verb) = third_person_verb(sentence, from) {
        let rest = &sentence[verb..];
        let end = BUT.find(rest).map_or(sentence.len(), |m| verb + m.start());
        out.push_str(&sentence[from..verb]);
        out.push_str(" ¶ ");
        from = end;
    }
    out.push_str(&sentence[from..]);
    out
}

/// The end of the first speech verb at or after `from` whose speaker is someone else.
fn third_person_verb(sentence: &str, from: usize) -> Option<usize> {
    SPEECH_VERB
        .find_iter(&sentence[from..])
        .find(|m| speaker(&sentence[..from + m.start()]) == Some(Person::Other))
        .map(|m| from + m.end())
}

fn speaker(before: &str) -> Option<Person> {
    WORD.find_iter(before)
        .collect::<Vec<_>>()
        .iter()
        .rev()
        .take(6)
        .find_map(|w| person(w.as_str()))
}

static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[.!?;…\n¶]+|\.\.+").expect("sentence regex"));

/// The sentences of a prepared text, trimmed, empty ones left out. A set-aside quotation (¶)
/// ends a sentence too, so the words either side of it are not read as one phrase.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    SENTENCE_END
        .split(text)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}
