use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Date, DateStyle, DocumentKind, Regime, Status, Typography};

/// What the partnership is, why it exists and what it covers.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Overview {
    /// Short id of the charter, used in file names and event identifiers.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// Title as it heads the document.
    #[validate(length(min = 1, max = 200))]
    pub title: String,
    /// Version of this charter text, e.g. "1.0" or "2026-03 draft".
    #[validate(length(min = 1, max = 40))]
    pub version: String,
    /// What kind of document this is: "charter" (the default), "memorandum_of_understanding",
    /// "agreement", "terms_of_reference", "policy" or "technical_charter". It decides what the documents
    /// call it, and whether the partners sign it or a body may adopt it.
    #[serde(default, skip_serializing_if = "DocumentKind::is_charter")]
    pub kind: DocumentKind,
    /// Whether the document is legally binding; absent, the documents say neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binding: Option<bool>,
    /// Date the charter takes effect; absent, a document with an `[adoption]` takes effect on the date of
    /// its adoption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_date: Option<Date>,
    /// The date the first version took effect, when this version is an amendment that takes effect
    /// later: the term runs from it. Absent, the term runs from `effective_date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_effective_date: Option<Date>,
    /// Governing law, e.g. "State of Minnesota, United States"; a standing document may leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1))]
    pub jurisdiction: Option<String>,
    /// The data protection law the data flows are made under, unless a flow states its own `regime`:
    /// "hipaa", "uk_gdpr", "eu_gdpr" or "none_stated". It decides which law's rules `check` applies to
    /// the data flows and whose words the data clauses use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_regime: Option<Regime>,
    /// Why the partnership exists (Markdown).
    #[validate(length(min = 1))]
    pub purpose: String,
    /// Common goals the partners commit to.
    #[validate(length(min = 1, message = "state at least one common goal"))]
    pub goals: Vec<String>,
    /// What the partnership covers (Markdown).
    #[validate(length(min = 1))]
    pub scope: String,
    /// What it deliberately does not cover.
    #[serde(default)]
    pub non_goals: Vec<String>,
    /// Direction marks and joiners the charter's text may contain, for a script that needs them. Every
    /// other hidden character (bidirectional overrides and isolates, zero-width characters, controls) is
    /// an error, and documents show each allowed mark visibly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_characters: Vec<AllowedMark>,
    /// Where the charter stands: "draft", "for-signature", "final" or "superseded". Without it the
    /// documents carry no marking; a draft is marked "DRAFT" on every page and its signature page "Not for
    /// signature".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// How the documents write dates: "iso" (2026-03-01, the default), "day-month-year" (1 March 2026) or
    /// "month-day-year" (March 1, 2026).
    #[serde(default, skip_serializing_if = "DateStyle::is_iso")]
    pub date_style: DateStyle,
    /// "plain" (the default) keeps quotes and apostrophes as written; "typographic" turns them into
    /// curly ones (’ ‘ “ ”) in the documents' text.
    #[serde(default, skip_serializing_if = "Typography::is_plain")]
    pub typography: Typography,
}

/// A direction mark or joiner a charter may allow by its code point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema, Serialize)]
pub enum AllowedMark {
    /// U+200E LEFT-TO-RIGHT MARK.
    #[serde(rename = "U+200E")]
    LeftToRightMark,
    /// U+200F RIGHT-TO-LEFT MARK.
    #[serde(rename = "U+200F")]
    RightToLeftMark,
    /// U+061C ARABIC LETTER MARK.
    #[serde(rename = "U+061C")]
    ArabicLetterMark,
    /// U+200C ZERO WIDTH NON-JOINER, which Persian and other scripts need inside words.
    #[serde(rename = "U+200C")]
    ZeroWidthNonJoiner,
    /// U+200D ZERO WIDTH JOINER.
    #[serde(rename = "U+200D")]
    ZeroWidthJoiner,
}

impl AllowedMark {
    /// The character it allows.
    #[must_use]
    pub fn char(self) -> char {
        match self {
            AllowedMark::LeftToRightMark => '\u{200E}',
            AllowedMark::RightToLeftMark => '\u{200F}',
            AllowedMark::ArabicLetterMark => '\u{061C}',
            AllowedMark::ZeroWidthNonJoiner => '\u{200C}',
            AllowedMark::ZeroWidthJoiner => '\u{200D}',
        }
    }
}
