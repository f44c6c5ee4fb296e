//! Property tests: the scanner reads untrusted text, so on any input it must not panic, and its
//! spans must be usable as they are (on character boundaries, non-empty, sorted, apart).

use proptest::prelude::*;

use super::*;

fn scanner() -> Scanner {
    Scanner::new(&[
        "Oak Ward".to_owned(),
        "Ysbyty Gŵyl".to_owned(),
        "St Mary's".to_owned(),
    ])
    .expect("compiles")
}

fn check(text: &str) {
    let scanner = scanner();
    let spans = scanner.scan(text);
    let mut last_end = 0;
    for span in &spans {
        assert!(span.start < span.end, "{span:?}");
        assert!(span.start >= last_end, "sorted and apart: {spans:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert!(span.end <= text.len());
        last_end = span.end;
    }
    let chars = char_spans(text, &spans);
    assert_eq!(chars.len(), spans.len());
    let masked = mask(text, &spans);
    if spans.is_empty() {
        assert_eq!(masked, text);
    }
}

/// Text made of the pieces the detectors look for, so the properties are tested where the
/// rules are busy, not only on random noise that matches nothing.
fn pii_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("NHS ".to_owned()),
        Just("DOB ".to_owned()),
        Just("born ".to_owned()),
        Just("Mrs ".to_owned()),
        Just("Patel".to_owned()),
        Just("O'Neill".to_owned()),
        Just("+44 ".to_owned()),
        Just("(0)".to_owned()),
        Just("@".to_owned()),
        Just(".co.uk".to_owned()),
        Just("<@".to_owned()),
        Just(">".to_owned()),
        Just("https://".to_owned()),
        Just("oak ward".to_owned()),
        Just("Gŵyl".to_owned()),
        "[0-9]{1,11}",
        "[A-Za-z]{1,4}",
        "[ \\-/.()\n]{1,2}",
        "[éŵ😷’\u{a0}]",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_unicode_text_is_scanned_safely(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn identifier_like_text_is_scanned_safely(text in pii_like()) {
        check(&text);
    }

    #[test]
    fn mask_never_panics_on_any_spans(
        text in any::<String>(),
        raw in prop::collection::vec((0usize..64, 0usize..64), 0..8),
    ) {
        let spans: Vec<Span> = raw
            .into_iter()
            .map(|(start, end)| Span { start, end, kind: IdentifierKind::Email })
            .collect();
        let _ = mask(&text, &spans);
        let _ = char_spans(&text, &spans);
    }
}
