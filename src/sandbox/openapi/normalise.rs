//! What Discord accepts although its spec says otherwise, made spec-shaped before checking.
//!
//! Serenity 0.12.5 numbers new uploads with integer placeholders, `"attachments":[{"id":0}]`,
//! where the spec's `MessageAttachmentRequest.id` is a snowflake string; Discord takes either.
//! Only that one known case is rewritten, so any other integer-for-string still fails.

use serde_json::Value;

/// Rewrites integer attachment ids to strings in a message body (`attachments`) and in an
/// interaction callback's message (`data.attachments`).
pub(crate) fn accepted_quirks(body: &mut Value) {
    placeholders(body.get_mut("attachments"));
    placeholders(
        body.get_mut("data")
            .and_then(|data| data.get_mut("attachments")),
    );
}

fn placeholders(attachments: Option<&mut Value>) {
    let Some(Value::Array(items)) = attachments else {
        return;
    };
    for item in items {
        if let Some(id) = item.get_mut("id")
            && let Some(n) = id.as_u64()
        {
            *id = Value::String(n.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integer_placeholders_become_strings_and_nothing_else_changes() {
        let mut body = json!({
            "content": 5,
            "attachments": [{"id": 0, "filename": "a.csv"}, {"id": "123"}],
            "data": {"attachments": [{"id": 1}], "flags": 64}
        });
        accepted_quirks(&mut body);
        assert_eq!(
            body,
            json!({
                "content": 5,
                "attachments": [{"id": "0", "filename": "a.csv"}, {"id": "123"}],
                "data": {"attachments": [{"id": "1"}], "flags": 64}
            })
        );
    }
}
