use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

/// An organisation outside the partnership that the charter names, such as a partner's parent
/// organisation: it signs nothing and holds no seat, but a deadlock or a dispute may be referred to it.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Short id used to refer to the organisation, in the namespace of partners and bodies.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// Its name as the charter writes it, e.g. "Northshore Health System, Inc.".
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// The partners whose parent organisation it is.
    #[serde(default)]
    #[validate(custom(function = "super::check_ids"))]
    #[schemars(inner(regex(pattern = super::ID_PATTERN), length(max = 40)))]
    pub parent_of: Vec<String>,
}
