use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

/// A class of members, such as "Platinum members": partners that hold seats on a body alike, each as
/// many as the body's `{ class = "<id>", seats = 1 }` entry gives every member of the class.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct MembershipClass {
    /// Short id used to refer to the class from a body's `members`.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// Its name as the charter writes it, e.g. "Platinum members".
    #[validate(length(min = 1, max = 120))]
    pub name: String,
    /// The partners that are members of the class.
    #[serde(default)]
    #[validate(custom(function = "super::check_ids"))]
    #[schemars(inner(regex(pattern = super::ID_PATTERN), length(max = 40)))]
    pub members: Vec<String>,
    /// What a member of the class receives or pays, in plain words (Markdown); absent, the charter says
    /// nothing of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1))]
    pub benefits: Option<String>,
}
