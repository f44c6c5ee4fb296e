//! The anonymisation scanner on a 4 KB message (the aim in issue 11: at most 50 µs a scan).
//! `cargo bench --bench pii_scan`; the figure goes in docs/benchmarks.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mindlines::domain::pii::Scanner;

/// Clinical chat full of the shorthand the rules must read and reject: doses, labs, times,
/// bleeps, guideline codes, mentions, meeting dates, colleagues' names.
const CLEAN: &str = "Explore stage: 87, frail, lives alone. Gave 500mg amoxicillin tds then \
    co-amoxiclav; Hb 98, eGFR 45, K+ 5.2, CRP 187, INR 3.4. Ward round 0830, huddle 13:10. \
    Bleep 4432 or ext 2231. Datix 123456 raised; NICE NG136 and CG181 apply. Thanks \
    <@123456789012345678>, see <#123456789012345678>. Journal club on 12/03/2026 with Dr Okafor. \
    Mr X, 67, CFS 6, QTc 486ms, sats 94% on 2L, BP 148/92. ";

/// The same with an identifier of every kind in it.
const DIRTY: &str = "Mrs Patel (DOB 12/03/1948), NHS 943 476 5919, NR21 0AB, 07700 900123, \
    jo@example.com, AB 12 34 56 C, on Oak Ward. ";

fn message(with_identifiers: bool) -> String {
    let mut text = String::new();
    while text.len() < 4096 {
        text.push_str(CLEAN);
        if with_identifiers && text.len() < 1024 {
            text.push_str(DIRTY);
        }
    }
    text.truncate(text.floor_char_boundary(4096));
    text
}

fn scan(c: &mut Criterion) {
    let places: Vec<String> = ["Oak Ward", "Willow Ward", "Little Snoring", "St Aidan's"]
        .map(str::to_owned)
        .to_vec();
    let scanner = Scanner::new(&places).expect("the places compile");
    let clean = message(false);
    let dirty = message(true);
    assert!(
        scanner.scan(&clean).is_empty(),
        "the clean message is clean"
    );
    assert!(
        !scanner.scan(&dirty).is_empty(),
        "the other message has identifiers"
    );
    c.bench_function("scan 4 KB clinical chat, no identifiers", |b| {
        b.iter(|| scanner.scan(black_box(&clean)))
    });
    c.bench_function("scan 4 KB clinical chat with identifiers", |b| {
        b.iter(|| scanner.scan(black_box(&dirty)))
    });
}

criterion_group!(benches, scan);
criterion_main!(benches);
