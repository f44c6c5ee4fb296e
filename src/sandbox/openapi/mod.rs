//! # Checking request bodies against Discord's OpenAPI description
//!
//! The workspace accepts whatever its handlers can read; Discord refuses any body its schema
//! does not allow, with `400` and code `50035 Invalid Form Body`. [`BodyCheck`] closes that gap:
//! the REST middleware hands it every call that carries a JSON body (or a multipart
//! `payload_json`), and a body the spec refuses is answered the way Discord would answer it, so
//! an end-to-end test fails on a shape that would fail in production.
//!
//! ## Design
//! - The spec is Discord's own `openapi.json` (`discord/discord-api-spec`, MIT), embedded in the
//!   binary ([`BodyCheck::discord`]); its source commit is in the README beside it. It is parsed
//!   and indexed once per process.
//! - An OpenAPI 3.1 schema is a JSON Schema 2020-12 schema, so the whole spec document is one
//!   resource in a `jsonschema` registry, and an operation's body schema is compiled as
//!   `{"$ref": "<spec>#/paths/<path>/<method>/requestBody/content/application~1json/schema"}`:
//!   every `$ref` inside resolves against the spec itself. Multipart bodies use the same
//!   schema, as their `payload_json` is that JSON.
//! - Compiling is lazy, once per operation, cached: a test run compiles only the handful of
//!   operations the bot uses.
//! - Routes are matched by structure ([`paths`]); a route the spec does not describe, or an
//!   operation without a JSON body schema, is not checked (an unknown route is the middleware's
//!   404 to report, not ours).
//! - Known quirks Discord accepts against its spec are rewritten first ([`normalise`]).
//! - `format` is an annotation in 2020-12 and stays one: Discord's `uri`/`date-time` checks are
//!   not what this is for, and asserting custom formats (`snowflake`, `nonce`) would guess.
//! - Errors become Discord's nested `errors` tree ([`errors`]), unions narrowed by `type`.

pub(crate) mod errors;
mod normalise;
mod paths;

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use jsonschema::{Draft, Registry, Validator};
use serde_json::{Value, json};

use super::error::ApiError;
use paths::{SpecPath, best_match, pointer_token};

/// Discord's published spec, embedded (about 1.2 MB).
const DISCORD_SPEC: &str = include_str!("discord-openapi.json");

/// Where the spec document lives in the registry; never fetched.
const SPEC_URI: &str = "https://discord.com/api/v10/openapi.json";

/// At most this many field errors in one answer, as a body can be wrong everywhere.
const MAX_FIELD_ERRORS: usize = 20;

/// Why a spec could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum BodyCheckError {
    #[error("the spec is not JSON: {0}")]
    NotJson(#[from] serde_json::Error),
    #[error("the spec has no `paths` object")]
    NoPaths,
    #[error("the spec cannot be indexed: {0}")]
    Registry(#[from] jsonschema::ReferencingError),
}

/// A loaded spec that checks request bodies; share one per process behind an `Arc`.
pub struct BodyCheck {
    registry: Registry<'static>,
    /// Spec paths by upper-case method, only operations with a JSON request body.
    operations: HashMap<String, Vec<SpecPath>>,
    /// Compiled body schemas by spec pointer; `None` if one failed to compile (then unchecked).
    compiled: Mutex<HashMap<String, Option<Arc<Validator>>>>,
}

impl std::fmt::Debug for BodyCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let operations: usize = self.operations.values().map(Vec::len).sum();
        f.debug_struct("BodyCheck")
            .field("operations", &operations)
            .finish_non_exhaustive()
    }
}

static DISCORD: LazyLock<Arc<BodyCheck>> = LazyLock::new(|| {
    Arc::new(BodyCheck::from_spec(DISCORD_SPEC).expect("the embedded Discord spec loads"))
});

impl BodyCheck {
    /// The embedded Discord spec, loaded on first use and shared by the whole process.
    pub fn discord() -> Arc<BodyCheck> {
        DISCORD.clone()
    }

    /// Loads an OpenAPI 3.1 document.
    pub fn from_spec(spec: &str) -> Result<BodyCheck, BodyCheckError> {
        let spec: Value = serde_json::from_str(spec)?;
        let mut operations: HashMap<String, Vec<SpecPath>> = HashMap::new();
        let paths = spec
            .get("paths")
            .and_then(Value::as_object)
            .ok_or(BodyCheckError::NoPaths)?;
        for (key, item) in paths {
            let Some(item) = item.as_object() else {
                continue;
            };
            for (method, operation) in item {
                let json_body = operation
                    .pointer("/requestBody/content/application~1json/schema")
                    .is_some();
                if json_body {
                    operations
                        .entry(method.to_ascii_uppercase())
                        .or_default()
                        .push(SpecPath::new(key));
                }
            }
        }
        let registry = Registry::new()
            .draft(Draft::Draft202012)
            .add(SPEC_URI, Draft::Draft202012.create_resource(spec))?
            .prepare()?;
        Ok(BodyCheck {
            registry,
            operations,
            compiled: Mutex::new(HashMap::new()),
        })
    }

    /// The spec pointer of the JSON body schema for a sandbox route such as
    /// `POST /channels/{id}/messages`, if the spec describes one.
    pub fn schema_pointer(&self, route: &str) -> Option<String> {
        let (method, template) = route.split_once(' ')?;
        let path = best_match(self.operations.get(method)?, template)?;
        Some(format!(
            "#/paths/{}/{}/requestBody/content/application~1json/schema",
            pointer_token(&path.key),
            method.to_ascii_lowercase()
        ))
    }

    /// Checks `body` for `route`: `Err` is the `400 / 50035` Discord would answer. Routes and
    /// operations the spec gives no JSON body schema pass.
    pub fn check(&self, route: &str, body: &Value) -> Result<(), ApiError> {
        let Some(validator) = self.validator(route) else {
            return Ok(());
        };
        let mut body = body.clone();
        normalise::accepted_quirks(&mut body);
        let found: Vec<errors::FieldError> = validator
            .iter_errors(&body)
            .flat_map(|e| errors::field_errors(&e))
            .take(MAX_FIELD_ERRORS)
            .collect();
        if found.is_empty() {
            Ok(())
        } else {
            Err(ApiError::invalid_form_body(errors::tree(&found)))
        }
    }

    /// Compiles every operation with a JSON body now instead of on first use; returns how many
    /// compiled. For measuring, and to find operations this validator cannot compile.
    pub fn compile_all(&self) -> usize {
        let routes: Vec<String> = self
            .operations
            .iter()
            .flat_map(|(method, paths)| paths.iter().map(move |p| format!("{method} {}", p.key)))
            .collect();
        routes
            .iter()
            .filter(|route| self.validator(route).is_some())
            .count()
    }

    fn validator(&self, route: &str) -> Option<Arc<Validator>> {
        let pointer = self.schema_pointer(route)?;
        // Compiling under the lock is deliberate: two calls racing on a new route would
        // otherwise compile it twice, and compiling is milliseconds.
        let mut compiled = self.compiled.lock().unwrap_or_else(|e| e.into_inner());
        compiled
            .entry(pointer.clone())
            .or_insert_with(|| self.compile(&pointer).map(Arc::new))
            .clone()
    }

    fn compile(&self, pointer: &str) -> Option<Validator> {
        let schema = json!({ "$ref": format!("{SPEC_URI}{pointer}") });
        match jsonschema::options()
            .with_draft(Draft::Draft202012)
            .with_registry(&self.registry)
            .build(&schema)
        {
            Ok(validator) => Some(validator),
            Err(error) => {
                tracing::warn!(%pointer, %error, "spec schema does not compile; not checked");
                None
            }
        }
    }
}
