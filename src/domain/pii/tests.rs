//! The scanner as a whole: every kind together, overlaps, protected regions, offsets.

use super::*;

fn scanner() -> Scanner {
    Scanner::new(&["Oak Ward".to_owned(), "Little Snoring".to_owned()]).expect("compiles")
}

fn kinds(text: &str) -> Vec<(&str, &'static str)> {
    scanner()
        .scan(text)
        .iter()
        .map(|s| (&text[s.start..s.end], s.kind.slug()))
        .collect()
}

#[test]
fn one_message_with_every_kind() {
    let text = "Mrs Patel (DOB 12/03/1948), NHS 943 476 5919, of Little Snoring NR21 0AB, \
                tel 07700 900123, jo@example.com, NI AB 12 34 56 C, now on Oak Ward.";
    assert_eq!(
        kinds(text),
        [
            ("Mrs Patel", "PERSON_TITLE_NAME"),
            ("12/03/1948", "DATE_OF_BIRTH"),
            ("943 476 5919", "NHS_NUMBER"),
            ("Little Snoring", "PLACE"),
            ("NR21 0AB", "POSTCODE"),
            ("07700 900123", "PHONE"),
            ("jo@example.com", "EMAIL"),
            ("AB 12 34 56 C", "NINO"),
            ("Oak Ward", "PLACE"),
        ]
    );
}

#[test]
fn clinical_shorthand_and_discord_markup_are_left_alone() {
    let text = "Gave 500mg then 2.5 mg; Hb 98, eGFR 45, K+ 5.2 at 0830 and 13:10 (1310). \
                Bleep 4432 or ext 2231. Datix 123456 raised, see NG136 and CG181. \
                Thanks <@123456789012345678> <@!1234567890123456789> <#123456789012345678> \
                <@&123456789012345678>; journal club on 12/03/2026 with Dr Okafor. \
                Mr X, 67, with COPD. https://discord.com/channels/123456789012345678/9434765919";
    assert_eq!(kinds(text), []);
}

#[test]
fn a_stricter_kind_wins_an_overlap() {
    // The name inside the address, and the NHS number that a phone shape could also read.
    assert_eq!(
        kinds("mail Mrs.Patel@nhs.net"),
        [("Mrs.Patel@nhs.net", "EMAIL")]
    );
    assert_eq!(kinds("NHS 0123456789"), [("0123456789", "NHS_NUMBER")]);
}

#[test]
fn char_offsets_count_code_points() {
    let text = "😷 née Mrs Öztürk, NHS 9434765919";
    let spans = scanner().scan(text);
    let chars = char_spans(text, &spans);
    let as_chars: Vec<String> = chars
        .iter()
        .map(|c| text.chars().skip(c.start).take(c.end - c.start).collect())
        .collect();
    assert_eq!(as_chars, ["Mrs Öztürk", "9434765919"]);
    assert_eq!(
        mask(text, &spans),
        "😷 née [name removed], NHS [NHS number removed]"
    );
}

#[test]
fn kinds_have_wire_names_labels_and_parse_back() {
    for kind in IdentifierKind::ALL {
        assert_eq!(kind.slug().parse::<IdentifierKind>(), Ok(*kind));
        assert!(!kind.label().is_empty() && !kind.noun().is_empty());
    }
    assert_eq!(IdentifierKind::NhsNumber.label(), "an NHS number");
    assert_eq!(IdentifierKind::ALL.len(), 8);
}

#[test]
fn an_empty_place_list_and_empty_text_are_fine() {
    let scanner = Scanner::new(&[]).expect("compiles");
    assert!(scanner.scan("").is_empty());
    assert!(scanner.scan("Oak Ward").is_empty());
}
