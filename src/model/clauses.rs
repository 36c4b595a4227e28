//! The boilerplate clauses counsel expect in an agreement: the organiser's own definitions, notices,
//! the order of precedence between this charter and the agreements it names, and confidentiality.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Agreement, Period};

/// A term the organiser defines, besides those the charter defines from its own terms.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// The defined term as it is written in the charter, e.g. "Site Lead".
    #[validate(length(min = 1, max = 80))]
    pub term: String,
    /// What it means, completing the sentence "\"Site Lead\" means …".
    #[validate(length(min = 1, max = 1000))]
    pub meaning: String,
}

/// Where a partner receives formal notices, when not at its signatory.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct NoticeAddress {
    /// The person or office notices are addressed to, e.g. "Office of the General Counsel".
    #[validate(length(min = 1, max = 120))]
    pub attention: String,
    /// The e-mail address for notices.
    #[validate(email)]
    pub email: Option<String>,
    /// The postal address for notices, on one line.
    #[validate(length(min = 1, max = 300))]
    pub address: Option<String>,
}

/// How formal notice under the charter is given, and when it counts as received.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Notices {
    /// The ways a notice may be given.
    #[validate(length(min = 1, message = "name at least one way of giving notice"))]
    pub methods: Vec<NoticeMethod>,
    /// How many business days after it is sent a notice counts as received; absent, on delivery.
    pub received_after_business_days: Option<u32>,
}

/// A way of giving formal notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeMethod {
    /// E-mail to the notice address.
    Email,
    /// Hand delivery.
    Hand,
    /// A courier service.
    Courier,
    /// Registered or certified post.
    RegisteredPost,
}

impl NoticeMethod {
    /// The method in plain words, after "by".
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            NoticeMethod::Email => "e-mail",
            NoticeMethod::Hand => "hand delivery",
            NoticeMethod::Courier => "courier",
            NoticeMethod::RegisteredPost => "registered or certified post",
        }
    }
}

/// Which document prevails when this charter and an agreement it names conflict.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Precedence {
    /// The documents, the one that prevails first.
    #[validate(length(
        min = 2,
        message = "an order of precedence needs at least two documents"
    ))]
    pub order: Vec<Instrument>,
}

/// A document in the order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Instrument {
    /// This charter.
    Charter,
    /// The data use agreements the data flows name.
    DataUseAgreement,
    /// The business associate agreements the data flows name.
    BusinessAssociateAgreement,
    /// The data sharing agreements the data flows name.
    DataSharingAgreement,
    /// The data processing agreements the data flows name.
    DataProcessingAgreement,
}

impl Instrument {
    /// The document in words, as it reads in a list.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Instrument::Charter => "this charter",
            Instrument::DataUseAgreement => "each data use agreement",
            Instrument::BusinessAssociateAgreement => "each business associate agreement",
            Instrument::DataSharingAgreement => "each data sharing agreement",
            Instrument::DataProcessingAgreement => "each data processing agreement",
        }
    }

    /// The agreement of a data flow this document is, or `None` for the charter itself.
    #[must_use]
    pub fn agreement(self) -> Option<Agreement> {
        match self {
            Instrument::Charter => None,
            Instrument::DataUseAgreement => Some(Agreement::DataUseAgreement),
            Instrument::BusinessAssociateAgreement => Some(Agreement::BusinessAssociateAgreement),
            Instrument::DataSharingAgreement => Some(Agreement::DataSharingAgreement),
            Instrument::DataProcessingAgreement => Some(Agreement::DataProcessingAgreement),
        }
    }
}

/// What the partners keep confidential, for how long, and what is not confidential.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Confidentiality {
    /// What is confidential (Markdown), e.g. "unpublished results, source code and each partner's
    /// business plans".
    #[validate(length(min = 1))]
    pub covers: String,
    /// How long the duty lasts after the charter ends or a partner withdraws: a period such as
    /// "5 years", or "indefinite".
    pub duration: Lasting,
    /// Information that is not confidential even if it is marked so.
    #[serde(default)]
    pub exceptions: Vec<ConfidentialityException>,
}

/// How long a duty lasts after the charter ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lasting {
    /// For this period after the end.
    For(Period),
    /// Without end.
    Indefinite,
}

/// Information that the duty of confidentiality does not cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfidentialityException {
    /// Public, other than through a breach of the charter.
    Public,
    /// Already known to the recipient before it was disclosed.
    AlreadyKnown,
    /// Developed independently, without use of the information.
    IndependentlyDeveloped,
    /// Disclosed because the law, a regulator or a court requires it.
    RequiredByLaw,
}

impl ConfidentialityException {
    /// The exception in words, as a list item.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ConfidentialityException::Public => {
                "information that is or becomes public, other than through a breach of this charter"
            }
            ConfidentialityException::AlreadyKnown => {
                "information the recipient already knew before it was disclosed"
            }
            ConfidentialityException::IndependentlyDeveloped => {
                "information the recipient develops independently, without use of what was disclosed"
            }
            ConfidentialityException::RequiredByLaw => {
                "information the law, a regulator or a court requires the recipient to disclose, to the extent required and after notice to the partner it came from where the law allows"
            }
        }
    }
}

const LASTING_HINT: &str = "write a period such as \"5 years\" or \"18 months\", or \"indefinite\"";

impl fmt::Display for Lasting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Lasting::For(p) => p.fmt(f),
            Lasting::Indefinite => f.write_str("indefinite"),
        }
    }
}

impl std::str::FromStr for Lasting {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.trim() == "indefinite" {
            return Ok(Lasting::Indefinite);
        }
        s.parse()
            .map(Lasting::For)
            .map_err(|_| format!("`{s}` is not a duration: {LASTING_HINT}"))
    }
}

impl<'de> Deserialize<'de> for Lasting {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LastingVisitor;
        impl Visitor<'_> for LastingVisitor {
            type Value = Lasting;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a duration such as \"5 years\", or \"indefinite\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Lasting, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Lasting, E> {
                Err(E::custom(format!(
                    "a bare number `{v}` does not say its unit: write \"{v} years\" in quotes, or \"indefinite\""
                )))
            }
        }
        deserializer.deserialize_any(LastingVisitor)
    }
}

impl Serialize for Lasting {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for Lasting {
    fn schema_name() -> Cow<'static, str> {
        "Lasting".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": format!(r"^\s*([0-9]+\s+(hours?|days?|business\s+days?|weeks?|months?|years?)|indefinite)\s*$"),
            "description": "How long a duty lasts after the charter ends: a period such as \"5 years\", or \"indefinite\"."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Lasting;

    #[test]
    fn a_duration_is_a_period_or_indefinite() {
        assert_eq!("indefinite".parse::<Lasting>(), Ok(Lasting::Indefinite));
        assert_eq!(
            "5 years".parse::<Lasting>().map(|l| l.to_string()),
            Ok("5 years".to_owned())
        );
        let err = "forever".parse::<Lasting>().expect_err("not a duration");
        assert!(err.contains("\"indefinite\""), "{err}");
    }
}
