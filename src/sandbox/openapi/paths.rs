//! Finding the spec's operation for a sandbox route.
//!
//! The REST middleware names a call by a template of its own (`POST /channels/{id}/messages`,
//! every snowflake `{id}`, tokens `{token}`), while the spec names parameters
//! (`/channels/{channel_id}/messages`). Names carry no information the sandbox has, so the two
//! are matched by structure: same number of segments, literals equal, a spec parameter standing
//! for any one segment. Where several spec paths fit (`/users/@me` and `/users/{user_id}`), the
//! one with the most literal segments wins, as Discord's own router prefers the fixed route.

/// One spec path, split for matching.
#[derive(Clone, Debug)]
pub(crate) struct SpecPath {
    /// The key in the spec's `paths`, e.g. `/channels/{channel_id}/messages`.
    pub key: String,
    /// `None` for a `{parameter}` segment.
    segments: Vec<Option<String>>,
}

impl SpecPath {
    pub(crate) fn new(key: &str) -> Self {
        let segments = key
            .split('/')
            .map(|s| (!is_parameter(s)).then(|| s.to_owned()))
            .collect();
        Self {
            key: key.to_owned(),
            segments,
        }
    }

    /// How well the sandbox template `path` fits: `None` if it does not, else the number of
    /// literal segments matched (higher is more specific).
    fn fit(&self, path: &[&str]) -> Option<usize> {
        if path.len() != self.segments.len() {
            return None;
        }
        let mut literals = 0;
        for (spec, ours) in self.segments.iter().zip(path) {
            match spec {
                None => {}
                Some(literal) if literal == ours => literals += 1,
                Some(_) => return None,
            }
        }
        Some(literals)
    }
}

/// The spec path `template` (a sandbox template without method) falls under, if any.
pub(crate) fn best_match<'a>(paths: &'a [SpecPath], template: &str) -> Option<&'a SpecPath> {
    let ours: Vec<&str> = template.split('/').collect();
    paths
        .iter()
        .filter_map(|p| p.fit(&ours).map(|score| (score, p)))
        .max_by_key(|(score, _)| *score)
        .map(|(_, p)| p)
}

fn is_parameter(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

/// A JSON pointer token: `~` and `/` escaped (RFC 6901), then the characters a URI fragment
/// may not hold percent-encoded, so the pointer can sit after a `#` in a `$ref`.
pub(crate) fn pointer_token(token: &str) -> String {
    let escaped = token.replace('~', "~0").replace('/', "~1");
    let mut out = String::with_capacity(escaped.len());
    for c in escaped.chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            '%' => out.push_str("%25"),
            ' ' => out.push_str("%20"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths() -> Vec<SpecPath> {
        [
            "/users/{user_id}",
            "/users/@me",
            "/users/@me/channels",
            "/channels/{channel_id}/messages",
            "/channels/{channel_id}/messages/{message_id}",
            "/webhooks/{webhook_id}/{webhook_token}/messages/@original",
            "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
            "/interactions/{interaction_id}/{interaction_token}/callback",
        ]
        .iter()
        .map(|k| SpecPath::new(k))
        .collect()
    }

    fn key(template: &str) -> Option<String> {
        best_match(&paths(), template).map(|p| p.key.clone())
    }

    #[test]
    fn parameters_match_any_segment_and_literals_must_be_equal() {
        assert_eq!(
            key("/channels/{id}/messages").as_deref(),
            Some("/channels/{channel_id}/messages")
        );
        assert_eq!(
            key("/interactions/{id}/{token}/callback").as_deref(),
            Some("/interactions/{interaction_id}/{interaction_token}/callback")
        );
        assert_eq!(key("/channels/{id}/pins"), None);
        assert_eq!(key("/channels/{id}/messages/{id}/extra"), None);
    }

    #[test]
    fn the_fixed_route_beats_the_parameter() {
        assert_eq!(key("/users/@me").as_deref(), Some("/users/@me"));
        assert_eq!(key("/users/{id}").as_deref(), Some("/users/{user_id}"));
        assert_eq!(
            key("/webhooks/{id}/{token}/messages/@original").as_deref(),
            Some("/webhooks/{webhook_id}/{webhook_token}/messages/@original")
        );
        assert_eq!(
            key("/webhooks/{id}/{token}/messages/{id}").as_deref(),
            Some("/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
        );
    }

    #[test]
    fn pointer_tokens_escape_slashes_tildes_and_braces() {
        assert_eq!(
            pointer_token("/channels/{channel_id}"),
            "~1channels~1%7Bchannel_id%7D"
        );
        assert_eq!(pointer_token("application/json"), "application~1json");
        assert_eq!(pointer_token("a~b"), "a~0b");
    }
}
