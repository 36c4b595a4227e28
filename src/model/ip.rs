use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Date, Lambert};

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
    /// The background IP the partners bring, item by item, each with the partner that owns it; listed in
    /// the background-IP clause after `background`.
    #[serde(default)]
    #[validate(nested)]
    pub background_items: Vec<BackgroundItem>,
    /// The Lambert Toolkit model agreement the partners follow. It fills in the ownership of foreground
    /// IP and the licences the model implies where `foreground` and `licences` are not written, and the
    /// charter states where the written terms depart from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub lambert: Option<Lambert>,
    /// Foreground IP, by category.
    #[serde(default)]
    #[validate(nested)]
    pub foreground: Vec<Foreground>,
    /// `false` when the partners expect the partnership to create no new intellectual property, which
    /// the charter then says; absent, it says nothing of what is expected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreground_expected: Option<bool>,
    /// Licences granted on foreground IP.
    #[serde(default)]
    #[validate(nested)]
    pub licences: Vec<Licence>,
    /// The public (outbound) licences foreground IP is released under, by SPDX licence expression.
    #[serde(default)]
    #[validate(nested)]
    pub outbound: Vec<Outbound>,
    /// The agreements contributors sign for their contributions.
    #[validate(nested)]
    pub contributions: Option<Contributions>,
    /// Existing IP a partner assigns or transfers to another partner or an organisation.
    #[serde(default)]
    #[validate(nested)]
    pub transfers: Vec<Transfer>,
}

/// One item of background IP and the partner that owns it.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct BackgroundItem {
    /// Short id of the item.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// What the item is, e.g. "Patents, know-how and data on CBT-417 and its analogues".
    #[validate(length(min = 1, max = 300))]
    pub description: String,
    /// The partner that owns it and brings it to the partnership.
    pub owner: String,
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

/// A public licence on foreground IP: the categories it covers are released to everyone under an SPDX
/// licence expression, as an open-source project releases its code and documentation.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Outbound {
    /// Short id of the outbound licence.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// The foreground categories released under it.
    #[validate(
        length(min = 1, message = "say which foreground IP the licence covers"),
        custom(function = "super::check_ids")
    )]
    #[schemars(inner(regex(pattern = super::ID_PATTERN), length(max = 40)))]
    pub covers: Vec<String>,
    /// An SPDX licence expression of licences on the SPDX licence list, e.g. "Apache-2.0",
    /// "MIT OR Apache-2.0", "CC-BY-4.0".
    #[validate(length(min = 1, max = 200))]
    pub licence: String,
}

/// The agreements under which contributors make their contributions.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Contributions {
    /// What contributors sign: "dco", "individual_cla", "corporate_cla".
    #[validate(length(min = 1, message = "say which agreement contributors sign"))]
    pub agreements: Vec<ContributorAgreement>,
    /// The partner or organisation that holds the signed contributor licence agreements.
    pub held_by: Option<String>,
}

/// An agreement a contributor signs.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ContributorAgreement {
    /// A sign-off of each contribution under the Developer Certificate of Origin.
    Dco,
    /// An individual contributor licence agreement, signed by each person who contributes.
    IndividualCla,
    /// A corporate contributor licence agreement, signed by each organisation whose employees contribute.
    CorporateCla,
}

impl ContributorAgreement {
    /// Whether it is a licence agreement that someone holds once signed (a DCO sign-off is in the
    /// contribution itself).
    #[must_use]
    pub fn is_cla(self) -> bool {
        !matches!(self, ContributorAgreement::Dco)
    }
}

/// Existing IP that a partner assigns or transfers.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    /// Short id of the transfer.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// What kind of IP: "trademark", "domain_name", "code_repository", or "other".
    pub what: TransferKind,
    /// Which IP, e.g. "KESTREL (the word mark and its logo)", "kestrel-project.org".
    #[validate(length(min = 1, max = 200))]
    pub description: String,
    /// The partner that transfers it.
    pub from: String,
    /// The partner or organisation that receives it.
    pub to: String,
    /// When: "on_signing", or a date such as 2026-06-30.
    pub when: Option<TransferTime>,
}

/// Kinds of IP a partner transfers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferKind {
    /// A trademark: a word mark, a logo.
    Trademark,
    /// A domain name.
    DomainName,
    /// A code repository.
    CodeRepository,
    /// Anything else, as `description` says.
    Other,
}

impl TransferKind {
    /// The verb and noun that come before the description: "assigns the trademark".
    #[must_use]
    pub fn verb_phrase(self) -> &'static str {
        match self {
            TransferKind::Trademark => "assigns the trademark",
            TransferKind::DomainName => "transfers the domain name",
            TransferKind::CodeRepository => "transfers the code repository",
            TransferKind::Other => "assigns",
        }
    }

    /// The same as a command, for the checklist: "Assign the trademark".
    #[must_use]
    pub fn command(self) -> &'static str {
        match self {
            TransferKind::Trademark => "Assign the trademark",
            TransferKind::DomainName => "Transfer the domain name",
            TransferKind::CodeRepository => "Transfer the code repository",
            TransferKind::Other => "Assign",
        }
    }

    /// A clause heading.
    #[must_use]
    pub fn heading(self) -> &'static str {
        match self {
            TransferKind::Trademark => "Assignment of a trademark",
            TransferKind::DomainName => "Transfer of a domain name",
            TransferKind::CodeRepository => "Transfer of a code repository",
            TransferKind::Other => "Assignment of existing IP",
        }
    }
}

/// When a transfer takes effect: on signing the charter, or by a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TransferTime {
    /// When the transferring partner signs the charter (`"on_signing"`).
    OnSigning,
    /// By a fixed date.
    By(Date),
}

impl fmt::Display for TransferTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransferTime::OnSigning => f.write_str("on_signing"),
            TransferTime::By(date) => date.fmt(f),
        }
    }
}

impl<'de> Deserialize<'de> for TransferTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TimeVisitor;
        impl<'de> Visitor<'de> for TimeVisitor {
            type Value = TransferTime;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("\"on_signing\" or a date such as 2026-06-30")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TransferTime, E> {
                if v == "on_signing" {
                    Ok(TransferTime::OnSigning)
                } else {
                    Err(E::custom(format!(
                        "unknown variant `{v}`, expected `on_signing` or a date such as 2026-06-30 without quotes"
                    )))
                }
            }
            // A TOML date reaches a visitor as a map with one private key.
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<TransferTime, A::Error> {
                Date::deserialize(de::value::MapAccessDeserializer::new(map)).map(TransferTime::By)
            }
        }
        deserializer.deserialize_any(TimeVisitor)
    }
}

// A time serializes as the organiser writes it, so that `charter diff` reads "on_signing → 2026-06-30".
impl Serialize for TransferTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for TransferTime {
    fn schema_name() -> Cow<'static, str> {
        "TransferTime".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "When the transfer takes effect: \"on_signing\" (when the transferring partner signs the charter), or a date written in TOML without quotes, such as 2026-06-30, by which it is done.",
            "anyOf": [
                { "type": "string", "enum": ["on_signing"] },
                { "type": "string", "format": "date" }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Holder {
        when: TransferTime,
    }

    #[test]
    fn a_transfer_is_on_signing_or_by_a_date() {
        let on: Holder = toml::from_str("when = \"on_signing\"").expect("on signing");
        assert_eq!(on.when, TransferTime::OnSigning);
        let by: Holder = toml::from_str("when = 2026-06-30").expect("a date");
        assert_eq!(
            by.when,
            TransferTime::By(Date {
                year: 2026,
                month: 6,
                day: 30
            })
        );
        assert_eq!(by.when.to_string(), "2026-06-30");
        let err = toml::from_str::<Holder>("when = \"at once\"")
            .err()
            .expect("refused");
        assert!(err.message().contains("on_signing"), "{}", err.message());
    }

    #[test]
    fn only_licence_agreements_are_held() {
        assert!(!ContributorAgreement::Dco.is_cla());
        assert!(ContributorAgreement::IndividualCla.is_cla());
        assert!(ContributorAgreement::CorporateCla.is_cla());
    }
}
