//! Turning JSON Schema errors into Discord's `50035 Invalid Form Body` error tree:
//! `{"components": {"0": {"components": {"0": {"label": {"_errors": [{code, message}]}}}}}}`.
//!
//! Discord's request bodies are unions (`anyOf`/`oneOf` over component and callback kinds,
//! discriminated by `type`), and a JSON Schema validator reports a failed union as one error with
//! every branch's reasons. Discord itself picks the branch by `type` and names the field inside
//! it, so we do too: within a union, a branch that failed on the value's own shape or on its
//! `type` (or an AutoMod rule's `trigger_type`) is the wrong branch; of the rest, the one with the fewest complaints is what was meant.
//! When no branch fits, the union's own error is reported where the union stands.

use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use serde_json::{Map, Value, json};

/// The fields Discord picks a union's branch by: `type` (components, callbacks, actions) and
/// `trigger_type` (AutoMod rules).
const DISCRIMINATORS: [&str; 2] = ["type", "trigger_type"];

/// One field error: where (instance path segments), Discord-style code, message.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FieldError {
    pub path: Vec<String>,
    pub code: &'static str,
    pub message: String,
}

/// The field errors one schema error stands for, unions narrowed to the branch meant.
pub(crate) fn field_errors(error: &ValidationError<'_>) -> Vec<FieldError> {
    let here = segments(error);
    match error.kind() {
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            match meant_branch(&here, context) {
                Some(branch) => branch.iter().flat_map(field_errors).collect(),
                None => vec![FieldError {
                    path: here,
                    code: "UNION_TYPE_CHOICES",
                    message: "Value matches none of the shapes the spec allows here".into(),
                }],
            }
        }
        ValidationErrorKind::Required { property } => {
            let mut path = here;
            path.push(property.as_str().unwrap_or_default().to_owned());
            vec![FieldError {
                path,
                code: "BASE_TYPE_REQUIRED",
                message: "This field is required".into(),
            }]
        }
        kind => vec![FieldError {
            path: here,
            code: code(kind),
            message: error.to_string(),
        }],
    }
}

/// The branch the caller meant, if any branch's shape and `type` fit.
fn meant_branch<'e>(
    here: &[String],
    branches: &'e [Vec<ValidationError<'static>>],
) -> Option<&'e Vec<ValidationError<'static>>> {
    branches
        .iter()
        .filter(|errors| {
            errors.iter().all(|e| {
                let path = segments(e);
                // A missing field is reported at its object but is about the field: the
                // branch may still be the one meant.
                let missing = matches!(e.kind(), ValidationErrorKind::Required { .. });
                let at_the_value = path == here && !missing;
                let at_its_type = path.len() == here.len() + 1
                    && path.starts_with(here)
                    && path
                        .last()
                        .is_some_and(|s| DISCRIMINATORS.contains(&s.as_str()));
                !at_the_value && !at_its_type
            })
        })
        .min_by_key(|errors| errors.len())
}

fn segments(error: &ValidationError<'_>) -> Vec<String> {
    error
        .instance_path()
        .segments()
        .map(|s| match s {
            LocationSegment::Property(p) => p.into_owned(),
            LocationSegment::Index(i) => i.to_string(),
        })
        .collect()
}

/// Discord's codes for the checks it shares with JSON Schema; the rest get a generic one.
fn code(kind: &ValidationErrorKind) -> &'static str {
    match kind {
        ValidationErrorKind::MaxLength { .. } => "BASE_TYPE_MAX_LENGTH",
        ValidationErrorKind::MinLength { .. } => "BASE_TYPE_MIN_LENGTH",
        ValidationErrorKind::MaxItems { .. } | ValidationErrorKind::MinItems { .. } => {
            "BASE_TYPE_BAD_LENGTH"
        }
        ValidationErrorKind::Maximum { .. } | ValidationErrorKind::ExclusiveMaximum { .. } => {
            "NUMBER_TYPE_MAX"
        }
        ValidationErrorKind::Minimum { .. } | ValidationErrorKind::ExclusiveMinimum { .. } => {
            "NUMBER_TYPE_MIN"
        }
        ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. } => {
            "BASE_TYPE_CHOICES"
        }
        ValidationErrorKind::Type { .. } => "BASE_TYPE_INVALID_TYPE",
        _ => "BASE_TYPE_INVALID",
    }
}

/// Discord's nested `errors` object for these field errors.
pub(crate) fn tree(errors: &[FieldError]) -> Value {
    let mut root = Value::Object(Map::new());
    for error in errors {
        let mut node = &mut root;
        for key in &error.path {
            node = node
                .as_object_mut()
                .expect("the tree holds objects only")
                .entry(key.clone())
                .or_insert_with(|| Value::Object(Map::new()));
        }
        let list = node
            .as_object_mut()
            .expect("the tree holds objects only")
            .entry("_errors")
            .or_insert_with(|| json!([]));
        if let Some(list) = list.as_array_mut() {
            list.push(json!({ "code": error.code, "message": error.message }));
        }
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_nests_by_path_and_keeps_every_error() {
        let errors = [
            FieldError {
                path: vec!["components".into(), "0".into(), "label".into()],
                code: "BASE_TYPE_MAX_LENGTH",
                message: "too long".into(),
            },
            FieldError {
                path: vec!["components".into(), "0".into(), "label".into()],
                code: "BASE_TYPE_INVALID",
                message: "also".into(),
            },
            FieldError {
                path: vec![],
                code: "UNION_TYPE_CHOICES",
                message: "none".into(),
            },
        ];
        let tree = tree(&errors);
        let label = &tree["components"]["0"]["label"]["_errors"];
        assert_eq!(label[0]["code"], "BASE_TYPE_MAX_LENGTH");
        assert_eq!(label[1]["code"], "BASE_TYPE_INVALID");
        assert_eq!(tree["_errors"][0]["code"], "UNION_TYPE_CHOICES");
    }
}
