//! Email addresses: a local part, `@`, and a domain with a dotted top-level part. Discord's own
//! `@name` and `<@id>` mentions have no dot after the `@` host, so they never match.

use std::sync::LazyLock;

use regex::Regex;

use super::{IdentifierKind, Span};

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi-u)
        [a-z0-9] [a-z0-9._%+'-]{0,63}
        @
        [a-z0-9] (?: [a-z0-9-]{0,61} [a-z0-9] )?
        (?: \. [a-z0-9] (?: [a-z0-9-]{0,61} [a-z0-9] )? )*
        \. [a-z]{2,24} \b",
    )
    .expect("email regex")
});

/// Appends every email address in `text`.
pub(super) fn find(text: &str, out: &mut Vec<Span>) {
    out.extend(EMAIL.find_iter(text).map(|m| Span {
        start: m.start(),
        end: m.end(),
        kind: IdentifierKind::Email,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_found_and_mentions_are_not() {
        let text = "email jo.bloggs+gp@nhs.net or A.O'Neill@example.co.uk, not @everyone or <@123>";
        let mut out = Vec::new();
        find(text, &mut out);
        let found: Vec<&str> = out.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(found, ["jo.bloggs+gp@nhs.net", "A.O'Neill@example.co.uk"]);
    }
}
