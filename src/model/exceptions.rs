use serde::{Deserialize, Serialize};
use validator::Validate;

/// A warning the partners have reviewed and accept, with their reason. Accepted exceptions silence the
/// warning and are listed in an annex of the rendered charter, so that a reviewer sees them. Errors
/// cannot be excepted.
#[derive(Debug, Clone, Deserialize, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// The code of the warning accepted, e.g. "W0409".
    pub rule: String,
    /// Why the partners accept it.
    #[validate(length(min = 1, message = "say why the partners accept this finding"))]
    pub reason: String,
    /// The id of the item the exception is limited to (a partner, body, decision, data flow, phase,
    /// obligation, IP category, licence or declared conflict); without it, every finding of the rule is
    /// accepted.
    #[validate(custom(function = "super::check_id"))]
    pub at: Option<String>,
}
