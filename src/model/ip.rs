use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

/// Intellectual-property terms.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct IpTerms {
    /// What is said of background IP (Markdown).
    #[validate(length(min = 1))]
    pub background: String,
    /// The standard terms on background IP the partners agree to, each rendered as its sentence:
    /// "stays_with_owner", "no_implied_licence". Absent, the charter says only what `background` says.
    #[serde(default)]
    pub background_terms: Vec<BackgroundTerm>,
    /// Foreground IP, by category.
    #[serde(default)]
    #[validate(nested)]
    pub foreground: Vec<Foreground>,
    /// Licences granted on foreground IP.
    #[serde(default)]
    #[validate(nested)]
    pub licences: Vec<Licence>,
}

/// A standard term on background IP.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum BackgroundTerm {
    /// Background IP stays with the partner that brings it.
    StaysWithOwner,
    /// The charter implies no licence to background IP.
    NoImpliedLicence,
}

/// Who owns one category of new intellectual property.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Foreground {
    /// Short id of the category.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// What the category covers, e.g. "Improvements to the prediction algorithm".
    #[validate(length(min = 1, max = 200))]
    pub category: String,
    /// The ownership model.
    pub ownership: Ownership,
    /// The owning partner, with `ownership = "partner"`.
    pub owner: Option<String>,
    /// Shares, with `ownership = "joint"`.
    #[serde(default)]
    #[validate(nested)]
    pub shares: Vec<Share>,
    /// Owners by field of use, with `ownership = "by_field"`.
    #[serde(default)]
    #[validate(nested)]
    pub fields: Vec<FieldOwner>,
}

/// Ownership models for foreground IP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ownership {
    /// Each partner owns what its own staff create.
    Creator,
    /// One partner owns it all.
    Partner,
    /// Owned jointly in stated shares.
    Joint,
    /// Split by field of use.
    ByField,
}

/// One joint owner's share.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Share {
    /// The owning partner.
    pub partner: String,
    /// Its share in percent.
    #[validate(range(
        min = 1,
        max = 100,
        message = "a share is a whole percentage from 1 to 100"
    ))]
    pub percent: u32,
}

/// The owner of one field of use.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct FieldOwner {
    /// The field, e.g. "diagnostics".
    #[validate(length(min = 1, max = 120))]
    pub field: String,
    /// The partner that owns it.
    pub owner: String,
}

/// A licence granted on foreground IP.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    /// Short id of the licence.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// The foreground categories it covers.
    #[validate(
        length(min = 1, message = "say which foreground IP the licence covers"),
        custom(function = "super::check_ids")
    )]
    #[schemars(inner(regex(pattern = super::ID_PATTERN), length(max = 40)))]
    pub covers: Vec<String>,
    /// The partners it is granted to.
    #[validate(
        length(min = 1, message = "say who receives the licence"),
        custom(function = "super::check_ids")
    )]
    #[schemars(inner(regex(pattern = super::ID_PATTERN), length(max = 40)))]
    pub to: Vec<String>,
    /// Exclusive, non-exclusive, or an option to negotiate an exclusive licence.
    pub kind: LicenceKind,
    /// Whether it is free of royalties.
    #[serde(default)]
    pub royalty_free: bool,
    /// What it may be used for, e.g. "research", "patient care".
    #[validate(length(min = 1, message = "state at least one purpose"))]
    pub purposes: Vec<String>,
}

/// Kinds of licence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceKind {
    /// The licensee may use it, as may others.
    NonExclusive,
    /// Only the licensee may use it.
    Exclusive,
    /// The licensee may negotiate an exclusive licence.
    OptionExclusive,
}

impl LicenceKind {
    /// The kind in plain words, without an article.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            LicenceKind::NonExclusive => "non-exclusive licence",
            LicenceKind::Exclusive => "exclusive licence",
            LicenceKind::OptionExclusive => "option to negotiate an exclusive licence",
        }
    }
}
