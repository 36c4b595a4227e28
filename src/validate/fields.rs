//! Field rules declared with `validator` on the model, mapped back to TOML spans by field path. Imports the
//! model, the rule catalogue, span paths from loading, and the validation context (`super`).

use std::borrow::Cow;

use validator::{Validate, ValidationError, ValidationErrors, ValidationErrorsKind};

use super::Ctx;
use crate::load::Seg;
use crate::model::Charter;
use crate::rules::{self, Rule};

pub(super) fn check(charter: &Charter, ctx: &mut Ctx<'_, '_>) {
    if let Err(errors) = charter.validate() {
        let mut path = Vec::new();
        walk(&errors, &mut path, ctx);
    }
}

fn walk(errors: &ValidationErrors, path: &mut Vec<Seg>, ctx: &mut Ctx<'_, '_>) {
    // Sorted keys keep the order of diagnostics independent of hash order (they are sorted again later).
    let mut entries: Vec<_> = errors.errors().iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    for (field, kind) in entries {
        path.push(Seg::Key(Cow::Owned(field.to_string())));
        match kind {
            ValidationErrorsKind::Field(list) => {
                for error in list {
                    report(error, field, path, ctx);
                }
            }
            ValidationErrorsKind::Struct(inner) => walk(inner, path, ctx),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    path.push(Seg::Index(*i));
                    walk(inner, path, ctx);
                    path.pop();
                }
            }
        }
        path.pop();
    }
}

fn report(error: &ValidationError, field: &str, path: &[Seg], ctx: &mut Ctx<'_, '_>) {
    let (rule, message, hint) = match error.code.as_ref() {
        "id" => (
            &rules::INVALID_ID,
            format!("`{field}` is not a valid id"),
            "use lowercase letters, digits and single hyphens, starting with a letter, e.g. \"northstar-health\"".to_owned(),
        ),
        "email" => (
            &rules::FIELD_RULE,
            format!("`{field}` is not a valid e-mail address"),
            "write an address like \"name@example.org\", or remove the key".to_owned(),
        ),
        "length" => length(error, field),
        "range" => (
            &rules::FIELD_RULE,
            message_or(error, || format!("`{field}` is out of range")),
            format!(
                "write a number from {} to {}",
                param(error, "min").unwrap_or_else(|| "?".into()),
                param(error, "max").unwrap_or_else(|| "?".into())
            ),
        ),
        other => (
            &rules::FIELD_RULE,
            message_or(error, || format!("`{field}` breaks the rule `{other}`")),
            "see docs/format.md".to_owned(),
        ),
    };
    let message = match error.message.as_ref() {
        Some(m) if rule.code == rules::INVALID_ID.code => format!("{message}: {m}"),
        _ => message,
    };
    let d = ctx.at(rule, path, message);
    d.label = "here".to_owned();
    d.hint = Some(hint);
}

/// A text too long, or empty: the rule's own message is kept for an empty one, which says what to fill in.
fn length(error: &ValidationError, field: &str) -> (&'static Rule, String, String) {
    let too_long = match (error.params.get("value"), param(error, "max")) {
        (Some(serde_json_value), Some(max)) => {
            serde_json_value.as_str().map_or(0, |v| v.chars().count())
                > max.parse().unwrap_or(usize::MAX)
        }
        _ => false,
    };
    let (message, hint) = if too_long {
        let max = param(error, "max").unwrap_or_default();
        (
            format!("`{field}` is longer than {max} characters"),
            format!("shorten it to at most {max} characters"),
        )
    } else {
        let message = message_or(error, || format!("`{field}` must not be empty"));
        (message, format!("fill in `{field}`"))
    };
    (&rules::FIELD_RULE, message, hint)
}

/// A parameter of the failed rule, such as its `max`, as text.
fn param(error: &ValidationError, name: &str) -> Option<String> {
    error.params.get(name).map(ToString::to_string)
}

/// The rule's own message, or `default` when it has none.
fn message_or(error: &ValidationError, default: impl FnOnce() -> String) -> String {
    error
        .message
        .as_ref()
        .map_or_else(default, ToString::to_string)
}
