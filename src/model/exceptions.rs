use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

/// A warning the partners have reviewed and accept, with their reason. Accepted exceptions silence the
/// warning and are listed in an annex of the rendered charter, so that a reviewer sees them. Errors
/// cannot be excepted.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// The code of the warning accepted, e.g. "W0409".
    #[schemars(schema_with = "warning_codes")]
    pub rule: String,
    /// Why the partners accept it.
    #[validate(length(min = 1, message = "say why the partners accept this finding"))]
    pub reason: String,
    /// The id of the item the exception is limited to (a partner, body, decision, data flow, phase,
    /// obligation, IP category, licence or declared conflict); without it, every finding of the rule is
    /// accepted.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub at: Option<String>,
}

/// The warnings an exception may name, by code or name, from the rule catalogue.
fn warning_codes(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    // An exception cannot accept unused exceptions (E0440), so W0441 is left out.
    let warnings = crate::rules::ALL.iter().filter(|r| {
        r.severity == crate::rules::Severity::Warning
            && !std::ptr::eq(**r, &crate::rules::UNUSED_EXCEPTION)
    });
    let values: Vec<&str> = warnings
        .clone()
        .map(|r| r.code)
        .chain(warnings.map(|r| r.name))
        .collect();
    schemars::json_schema!({
        "type": "string",
        "enum": values,
        "description": "The code of a warning, such as \"W0409\", or its name; errors cannot be excepted."
    })
}
